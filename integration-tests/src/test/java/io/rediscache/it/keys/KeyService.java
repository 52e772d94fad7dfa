package io.rediscache.it.keys;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.CacheKey;
import io.rediscache.RedisCache;

/**
 * A "legacy" service keyed by arguments of every kind. Each body run returns
 * {@code <jvm label>#<run number>}, so a hit in another JVM shows exactly which call stored
 * the entry it was served.
 */
public class KeyService {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile String label = "?";

    static void label(String jvmLabel) {
        label = jvmLabel;
    }

    public static int runs() {
        return RUNS.get();
    }

    @RedisCache(name = "keys")
    public String lookup(Object argument) {
        return label + "#" + RUNS.incrementAndGet();
    }

    /** The key is region and filter only; the request id is left out. */
    @RedisCache(name = "search")
    public String search(@CacheKey String region, @CacheKey Map<String, List<Integer>> filter, long requestId) {
        return label + "#" + RUNS.incrementAndGet();
    }
}
