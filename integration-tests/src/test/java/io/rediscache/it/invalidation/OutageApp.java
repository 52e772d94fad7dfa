package io.rediscache.it.invalidation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.rediscache.Cache;

/**
 * The application the invalidation outage test forks: fills a cache and a value, announces
 * {@code FILLED}; after the first "go" file (Redis is paused by then) updates the data,
 * evicts the cache and deletes the value, reads both, announces {@code EVICTED}; after the
 * second (Redis answers again) waits for the deferred evictions and reads both again.
 */
public final class OutageApp {

    private OutageApp() {
    }

    public static void main(String[] args) throws Exception {
        PriceBook book = new PriceBook();
        PriceBook.DATABASE.put("A", 1);
        book.price("A");
        Cache.set("note", "v1");
        report("filled", book.price("A") + "," + Cache.get("note"));
        System.out.println("FILLED");

        awaitFile(Paths.get(args[0]));
        // calls that time out open the circuit breaker, so the eviction below is not even sent
        // (a command sent to a paused server would still run when it resumes, and prove nothing)
        for (int i = 0; i < 4; i++) {
            book.price("Z" + i);
        }
        book.importAll(2);          // @EvictCache("book"): Redis is not asked
        Cache.delete("note");
        report("during", book.price("A") + "," + Cache.get("note"));
        System.out.println("EVICTED");

        awaitFile(Paths.get(args[1]));
        Thread.sleep(3000); // the deferred clear and delete are retried every second
        report("after", book.price("A") + "," + Cache.get("note") + "," + book.price("A"));
        report("runs", PriceBook.runs("price"));
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
