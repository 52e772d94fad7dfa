package io.rediscache.it.entries;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/**
 * "Legacy" code nobody may edit: no annotations (but one), every method counts its runs.
 * The entries test lists its methods in the agent's properties file.
 */
public class LegacyPricing {

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** Listed exactly: {@code LegacyPricing#price(java.lang.String,int)}, keyed on the SKU only. */
    public String price(String sku, int quantity) {
        count("price2");
        return sku + "x" + quantity + "@" + System.nanoTime();
    }

    /** The overload the exact entry does not name: never cached. */
    public String price(String sku) {
        count("price1");
        return sku + "@" + System.nanoTime();
    }

    /** Annotated, and also listed: the entry's name and TTL win. */
    @RedisCache(name = "annotated", ttl = 300)
    public String annotated(String id) {
        count("annotated");
        return id + "@" + System.nanoTime();
    }

    static int runs(String method) {
        AtomicInteger runs = RUNS.get(method);
        return runs == null ? 0 : runs.get();
    }

    static void count(String method) {
        RUNS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }
}
