package io.rediscache.it.invalidation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The application the eviction test forks: reads through cached methods, writes through
 * evicting ones, and reports what the readers returned and how often their bodies ran, as
 * {@code RESULT name=value} lines.
 */
public final class EvictApp {

    private EvictApp() {
    }

    public static void main(String[] args) throws Exception {
        PriceBook book = new PriceBook();
        for (String sku : new String[] {"A", "B", "H", "R", "S"}) {
            PriceBook.DATABASE.put(sku, 1);
        }
        perEntry(book);
        wholeCache(book);
        notOnException(book);
        legacyWriter(book);
        hybrid(book);
        race(book, "entry", "R", () -> book.updateSlow("R", 2));
        race(book, "whole", "S", () -> book.importSlow(3));
        book.updateElsewhere("X");
    }

    private static void perEntry(PriceBook book) {
        book.price("A");
        book.price("B");
        book.updatePrice("A", 2);
        report("entry.values", book.price("A") + "," + book.price("B") + "," + book.price("A"));
        report("entry.runs", PriceBook.runs("price"));
    }

    private static void wholeCache(PriceBook book) {
        book.importAll(5);
        report("whole.values", book.price("A") + "," + book.price("B") + "," + book.price("A") + "," + book.price("B"));
        report("whole.runs", PriceBook.runs("price"));
    }

    private static void notOnException(PriceBook book) {
        String thrown;
        try {
            book.failingUpdate("A", 6);
            thrown = "nothing";
        } catch (IllegalStateException e) {
            thrown = e.getMessage();
        }
        report("failing.thrown", thrown);
        report("failing.value", book.price("A"));
        report("failing.runs", PriceBook.runs("price"));
    }

    private static void legacyWriter(PriceBook book) {
        book.price("B");
        new LegacyPriceWriter().write("B", 7);
        report("legacy.values", book.price("B") + "," + book.price("A"));
        report("legacy.runs", PriceBook.runs("price"));
    }

    /** TTL and eviction on one cache: an eviction refreshes at once, a silent change after the TTL. */
    private static void hybrid(PriceBook book) throws InterruptedException {
        book.shortPrice("H");
        book.updateShort("H", 2);
        String afterEviction = book.shortPrice("H");
        PriceBook.DATABASE.put("H", 3); // changed without an eviction
        String beforeTtl = book.shortPrice("H");
        Thread.sleep(1500);
        report("hybrid.values", afterEviction + "," + beforeTtl + "," + book.shortPrice("H"));
        report("hybrid.runs", PriceBook.runs("shortPrice"));
    }

    /**
     * A slow call reads version n, an update writes n+1 and evicts while the call is still
     * running, then the call returns what it read. The next call must not get the old version.
     */
    private static void race(PriceBook book, String name, String sku, Runnable evictingUpdate) throws Exception {
        PriceBook.slowGate = new CountDownLatch(1);
        PriceBook.slowHasRead = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = slow.submit(() -> book.slowPrice(sku));
            if (!PriceBook.slowHasRead.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the slow call did not start");
            }
            evictingUpdate.run();
            PriceBook.slowGate.countDown();
            report("race." + name + ".slowCall", first.get(30, TimeUnit.SECONDS));
            report("race." + name + ".next", book.slowPrice(sku) + "," + book.slowPrice(sku));
        } finally {
            slow.shutdownNow();
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
