package io.rediscache.it.values;

import java.util.concurrent.TimeUnit;

import io.rediscache.it.harness.AgentStatistics;

/**
 * The application the value tests fork. For every kind in {@link ValueKinds} it reports one
 * line {@code RESULT <phase>.<kind>=ok}, or what went wrong.
 * <ul>
 *   <li>{@code fill}: calls twice; the first call must run the body (a miss, stored), the
 *       second must not (a hit), and the hit must equal a freshly built value.</li>
 *   <li>{@code read <phase>}: a new JVM over the entries another one stored; one call, which
 *       must be a hit equal to a freshly built value.</li>
 *   <li>{@code read near}: as {@code read}, with every cache's near tier on
 *       ({@code cache.near.enabled}) and three calls per kind, once a first near hit shows the
 *       tier is in use: the first call reads Redis and keeps the bytes near, the second decodes
 *       them and hands out a copy of what it decoded, the third copies that again. Each must be
 *       a hit equal to a freshly built value. Reports the agent's {@code NearHits}.</li>
 * </ul>
 */
public final class ValueTypesApp {

    private ValueTypesApp() {
    }

    public static void main(String[] args) throws Exception {
        ValueService service = new ValueService();
        String phase = args[0].equals("fill") ? "inJvm" : args[1];
        boolean near = phase.equals("near");
        long nearHitsBefore = near ? untilNearHits(service) : 0;
        int problems = 0;
        for (String name : ValueKinds.names()) {
            String outcome;
            try {
                outcome = args[0].equals("fill") ? fill(service, ValueKinds.kind(name))
                        : read(service, ValueKinds.kind(name), near ? 3 : 1);
            } catch (Throwable e) {
                outcome = "threw " + e;
            }
            if (!outcome.equals("ok")) {
                problems++;
            }
            System.out.println("RESULT " + phase + "." + name + "=" + outcome.replace('\n', ' '));
        }
        System.out.println("RESULT " + phase + ".kinds=" + ValueKinds.names().size());
        System.out.println("RESULT " + phase + ".problems=" + problems);
        if (near) {
            System.out.println("RESULT near.nearHits=" + (nearHits() - nearHitsBefore));
        }
    }

    /**
     * Calls a near-cached method until a call is a near hit (from then on the subscription is
     * live and the tier in use).
     *
     * @return the agent's {@code NearHits} then
     */
    private static long untilNearHits(ValueService service) throws Exception {
        ValueKinds.Kind probe = ValueKinds.kind(ValueKinds.names().get(0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        do {
            probe.call().apply(service); // the first cached call also publishes the statistics
            Thread.sleep(5);
        } while (nearHits() == 0 && System.nanoTime() < deadline);
        if (nearHits() == 0) {
            throw new IllegalStateException("no near hit within 15 s");
        }
        return nearHits();
    }

    private static long nearHits() throws Exception {
        return AgentStatistics.counter("NearHits");
    }

    private static String fill(ValueService service, ValueKinds.Kind kind) {
        int before = ValueService.runs(kind.name());
        Object first = kind.call().apply(service);
        int afterFirst = ValueService.runs(kind.name());
        Object second = kind.call().apply(service);
        int afterSecond = ValueService.runs(kind.name());
        if (afterFirst != before + 1) {
            return "the first call was not a miss: the body ran " + (afterFirst - before) + " times";
        }
        String fresh = ValueKinds.check(kind, kind.build().get(), first);
        if (!fresh.equals("ok")) {
            return "the miss itself returned a changed value: " + fresh;
        }
        if (afterSecond != afterFirst) {
            return "the second call was not a hit: the body ran again";
        }
        return ValueKinds.check(kind, kind.build().get(), second);
    }

    private static String read(ValueService service, ValueKinds.Kind kind, int calls) {
        for (int call = 1; call <= calls; call++) {
            Object value = kind.call().apply(service);
            if (ValueService.runs(kind.name()) != 0) {
                return "call " + call + " in the new JVM was not a hit: the body ran";
            }
            String check = ValueKinds.check(kind, kind.build().get(), value);
            if (!check.equals("ok")) {
                return "call " + call + ": " + check;
            }
        }
        return "ok";
    }
}
