package io.rediscache.it.invalidation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.rediscache.Cache;

/**
 * The application the clear tests fork. {@code reader}: fills both caches, announces
 * {@code FILLED}, waits for the test's "go" file, then reads every entry again and reports how
 * many bodies ran. {@code clearer}: clears cache "prices", reports how long that took, and stays
 * until the "go" file exists (the sweep of the old entries runs in the clearing JVM).
 */
public final class ClearApp {

    static final int ENTRIES = 100;

    private ClearApp() {
    }

    public static void main(String[] args) throws Exception {
        PriceCatalog catalog = new PriceCatalog();
        switch (args[0]) {
            case "reader" -> {
                readAll(catalog);
                readAll(catalog);
                report("runs.filled", PriceCatalog.PRICE_RUNS.get() + "," + PriceCatalog.STOCK_RUNS.get());
                System.out.println("FILLED");
                awaitFile(Paths.get(args[1]));
                readAll(catalog);
                report("runs.afterClear", PriceCatalog.PRICE_RUNS.get() + "," + PriceCatalog.STOCK_RUNS.get());
            }
            case "clearer" -> {
                long start = System.nanoTime();
                Cache.clear("prices");
                report("clear.micros", (System.nanoTime() - start) / 1000);
                start = System.nanoTime();
                Cache.clear("empty");
                report("clear.again.micros", (System.nanoTime() - start) / 1000);
                report("clear.badName", thrown(() -> Cache.clear("a|b")));
                System.out.println("CLEARED");
                awaitFile(Paths.get(args[1])); // the old entries are swept by this JVM, in the background
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void readAll(PriceCatalog catalog) {
        for (int id = 0; id < ENTRIES; id++) {
            catalog.price(id);
            catalog.stock(id);
        }
    }

    private static String thrown(Runnable call) {
        try {
            call.run();
            return "nothing";
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
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
