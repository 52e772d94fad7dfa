package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The application the poisoned-values tests fork. Modes:
 * <ul>
 *   <li>{@code lookup <n> <go file>} / {@code report <n> <go file>}: stores {@code n} entries of
 *       {@link PoisonService#lookup} (or {@link PoisonService#report}), announces {@code STORED},
 *       waits until the test has overwritten them, reads them all again and reports how many
 *       calls returned a wrong value, threw, or ran the method; then reads them once more
 *       ({@code runsAfterRewrite}: the rewritten entries hit).</li>
 *   <li>{@code random <n> <rounds> <go directory>}: stores {@code n} entries of
 *       {@link PoisonService#lookup}; then, {@code rounds} times, waits for {@code go-<round>},
 *       reads them all and prints {@code ROUND <round> misses=<m> thrown=<t> hits=<hex,...>}: the
 *       values served without running the method, as hex of their UTF-8 (or {@code null}), sorted.</li>
 * </ul>
 * Always reports whether the canary classes were initialised ({@code canary=never} if not).
 */
public final class PoisonApp {

    private PoisonApp() {
    }

    public static void main(String[] args) throws Exception {
        PoisonService service = new PoisonService();
        switch (args[0]) {
            case "lookup" -> poisonOnce(Integer.parseInt(args[1]), Paths.get(args[2]), service::lookup, id -> "fresh-" + id);
            case "report" -> poisonOnce(Integer.parseInt(args[1]), Paths.get(args[2]), service::report, PoisonService::freshReport);
            case "random" -> randomRounds(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Paths.get(args[3]), service);
            default -> throw new IllegalArgumentException(args[0]);
        }
        report("canary", System.getProperty("canary.initialised", "never"));
    }

    private static void poisonOnce(int n, Path go, IntFunction<Object> call, IntFunction<Object> expected) throws Exception {
        for (int id = 0; id < n; id++) {
            call.apply(id);
        }
        System.out.println("STORED");
        awaitFile(go);
        int wrong = 0;
        int thrown = 0;
        for (int id = 0; id < n; id++) {
            try {
                if (!expected.apply(id).equals(call.apply(id))) {
                    wrong++;
                }
            } catch (Throwable e) {
                if (thrown++ < 3) {
                    e.printStackTrace();
                }
            }
        }
        report("wrong", wrong);
        report("thrown", thrown);
        report("runs", PoisonService.RUNS.get());
        for (int id = 0; id < n; id++) {
            call.apply(id);
        }
        report("runsAfterRewrite", PoisonService.RUNS.get());
    }

    private static void randomRounds(int n, int rounds, Path goDirectory, PoisonService service) throws Exception {
        for (int id = 0; id < n; id++) {
            service.lookup(id);
        }
        System.out.println("STORED");
        int thrownInAll = 0;
        for (int round = 0; round < rounds; round++) {
            awaitFile(goDirectory.resolve("go-" + round));
            int before = PoisonService.RUNS.get();
            int thrown = 0;
            List<String> hits = new ArrayList<>();
            for (int id = 0; id < n; id++) {
                int runs = PoisonService.RUNS.get();
                try {
                    String value = service.lookup(id);
                    if (PoisonService.RUNS.get() == runs) {
                        hits.add(value == null ? "null" : HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
                    }
                } catch (Throwable e) {
                    if (thrown++ < 3) {
                        e.printStackTrace();
                    }
                }
            }
            thrownInAll += thrown;
            Collections.sort(hits);
            System.out.println("ROUND " + round + " misses=" + (PoisonService.RUNS.get() - before) + " thrown=" + thrown
                    + " hits=" + String.join(",", hits));
        }
        report("thrown", thrownInAll);
    }

    private static void awaitFile(Path go) throws InterruptedException {
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
