package io.rediscache.it.invalidation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.EvictCache;
import io.rediscache.RedisCache;

/**
 * A "database" of price versions with cached readers and evicting writers, for the eviction
 * tests. Readers return {@code sku@version} as read from the database when they ran.
 */
public class PriceBook {

    static final Map<String, Integer> DATABASE = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    /** Holds slowPrice after it read the database, until the test opens it. */
    static volatile CountDownLatch slowGate = new CountDownLatch(0);
    static volatile CountDownLatch slowHasRead = new CountDownLatch(0);

    @RedisCache(name = "book", ttl = 600)
    public String price(String sku) {
        ran("price");
        return sku + "@" + DATABASE.getOrDefault(sku, 1);
    }

    @EvictCache(value = "book", key = 0)
    public void updatePrice(String sku, int version) {
        DATABASE.put(sku, version);
    }

    @EvictCache("book")
    public void importAll(int version) {
        DATABASE.replaceAll((sku, old) -> version);
    }

    /** Changes the database, then fails: nothing is evicted. */
    @EvictCache(value = "book", key = 0)
    public void failingUpdate(String sku, int version) {
        DATABASE.put(sku, version);
        throw new IllegalStateException("update failed after writing");
    }

    @RedisCache(name = "short", ttl = 1)
    public String shortPrice(String sku) {
        ran("shortPrice");
        return sku + "@" + DATABASE.getOrDefault(sku, 1);
    }

    @EvictCache(value = "short", key = 0)
    public void updateShort(String sku, int version) {
        DATABASE.put(sku, version);
    }

    /** Reads the database, then waits at the gate before returning what it read: a slow loader. */
    @RedisCache(name = "slow", ttl = 600)
    public String slowPrice(String sku) throws InterruptedException {
        ran("slowPrice");
        String read = sku + "@" + DATABASE.getOrDefault(sku, 1);
        slowHasRead.countDown();
        if (!slowGate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate never opened");
        }
        return read;
    }

    @EvictCache(value = "slow", key = 0)
    public void updateSlow(String sku, int version) {
        DATABASE.put(sku, version);
    }

    @EvictCache("slow")
    public void importSlow(int version) {
        DATABASE.replaceAll((sku, old) -> version);
    }

    /** Evicts an entry of a cache whose methods this JVM never loads: the whole cache is cleared. */
    @EvictCache(value = "elsewhere", key = 0)
    public void updateElsewhere(String sku) {
    }

    static int runs(String method) {
        AtomicInteger runs = RUNS.get(method);
        return runs == null ? 0 : runs.get();
    }

    private static void ran(String method) {
        RUNS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }
}
