package io.rediscache.it.app;

import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The application the caching tests fork. {@code main(scenario)} runs one scenario and reports
 * what happened as {@code RESULT name=value} lines.
 */
public final class CachingApp {

    private CachingApp() {
    }

    public static void main(String[] args) throws Exception {
        CatalogService service = new CatalogService();
        switch (args[0]) {
            case "basic" -> basic(service);
            case "calls" -> calls(service, Integer.parseInt(args[1]));
            case "price" -> {
                report("price", service.price(args[1], 0));
                report("price.runs", CatalogService.runs("price"));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void basic(CatalogService service) throws Exception {
        Price first = service.price("A-1", 1);
        Price second = service.price("A-1", 2);
        report("price.runs", CatalogService.runs("price"));
        report("price.equal", first.equals(second));
        report("price.sameInstance", first == second);
        service.price("B-2", 1);
        report("price.runsAfterOtherSku", CatalogService.runs("price"));

        report("square.values", CatalogService.square(7) + "," + CatalogService.square(7));
        report("square.runs", CatalogService.runs("square"));

        report("missing.values", service.findMissing("X") + "," + service.findMissing("X"));
        report("missing.runs", CatalogService.runs("findMissing"));

        report("failing.first", thrown(() -> service.failing("F")));
        report("failing.second", thrown(() -> service.failing("F")));
        report("failing.runs", CatalogService.runs("failing"));

        report("short.first", service.shortLived("S"));
        report("short.second", service.shortLived("S"));
        Thread.sleep(1500);
        report("short.afterTtl", service.shortLived("S"));
        report("short.runs", CatalogService.runs("shortLived"));

        report("count.values", service.count(Stream.of("a", "b")) + "," + service.count(Stream.of("a", "b", "c")));
        report("count.runs", CatalogService.runs("count"));

        service.log("hello");
        service.log("hello");
        report("log.runs", CatalogService.runs("log"));

        report("defaultName.values", service.defaultName("d") + "," + service.defaultName("d"));
        report("defaultName.runs", CatalogService.runs("defaultName"));

        service.clearable("c");
        service.clearable("c");
        int squareRuns = CatalogService.runs("square");
        io.rediscache.Cache.clear("clearable");
        service.clearable("c");
        service.clearable("c");
        CatalogService.square(7);
        report("clear.runs", CatalogService.runs("clearable") + "," + (CatalogService.runs("square") - squareRuns));
    }

    /** Calls price() n times on alternating keys, timing each call; never lets an exception escape unnoticed. */
    private static void calls(CatalogService service, int n) {
        long worstMicros = 0;
        int wrong = 0;
        int exceptions = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long before = System.nanoTime();
            try {
                Price price = service.price("K-" + (i % 10), i);
                if (!price.sku().equals("K-" + (i % 10))) {
                    wrong++;
                }
            } catch (RuntimeException e) {
                exceptions++;
            }
            worstMicros = Math.max(worstMicros, (System.nanoTime() - before) / 1000);
        }
        report("calls.wrong", wrong);
        report("calls.exceptions", exceptions);
        report("calls.worstMicros", worstMicros);
        report("calls.totalMillis", (System.nanoTime() - start) / 1_000_000);
        report("price.runs", CatalogService.runs("price"));
    }

    static String thrown(Callable<?> call) {
        try {
            call.call();
            return "nothing";
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
