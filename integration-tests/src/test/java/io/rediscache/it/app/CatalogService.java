package io.rediscache.it.app;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.rediscache.CacheKey;
import io.rediscache.RedisCache;

/**
 * A "legacy" service: plain code plus annotations, nothing else. Each method counts how often
 * its body really ran, which is how the tests tell a hit from a miss.
 */
public class CatalogService {

    private static final ConcurrentHashMap<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    public static int runs(String method) {
        return RUNS.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    private static void ran(String method) {
        RUNS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @RedisCache(name = "prices", ttl = 60)
    public Price price(@CacheKey String sku, int requestId) {
        ran("price");
        return new Price(sku, new BigDecimal("19.99"), "EUR");
    }

    /** Cleared by {@code Cache.clear("clearable")} in the basic scenario. */
    @RedisCache(name = "clearable")
    public String clearable(String id) {
        ran("clearable");
        return "clearable-" + id;
    }

    @RedisCache(name = "squares")
    public static long square(int x) {
        ran("square");
        return (long) x * x;
    }

    @RedisCache(name = "missing")
    public Price findMissing(String sku) {
        ran("findMissing");
        return null;
    }

    @RedisCache(name = "failing")
    public String failing(String id) {
        ran("failing");
        throw new IllegalStateException("no row for " + id);
    }

    @RedisCache(name = "short", ttl = 1)
    public String shortLived(String id) {
        ran("shortLived");
        return "fresh-" + id;
    }

    @RedisCache(name = "void")
    public void log(String message) {
        ran("log");
    }

    @RedisCache(name = "streams")
    public int count(Stream<String> items) {
        ran("count");
        return (int) items.count();
    }

    @RedisCache
    public String defaultName(String id) {
        ran("defaultName");
        return "named-" + id;
    }

    @RedisCache(name = "secrets")
    public String secret(String id) {
        ran("secret");
        return "SECRET-VALUE-" + id;
    }
}
