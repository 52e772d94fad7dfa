package io.rediscache.it.faults;

import io.rediscache.RedisCache;

/**
 * The cached method the fault tests hammer. Its body counts its runs per thread, so a caller
 * can tell a hit (the counter did not move) from a miss or an uncached call without racing
 * against other threads.
 */
public class FaultService {

    private static final ThreadLocal<int[]> BODY_RUNS = ThreadLocal.withInitial(() -> new int[1]);

    /** How often the body of {@link #lookup} ran on the calling thread. */
    public static int bodyRunsOnThisThread() {
        return BODY_RUNS.get()[0];
    }

    /** The value {@link #lookup} must return for {@code key}, cached or not. */
    public static String expected(String key) {
        return "value-of-" + key;
    }

    @RedisCache(name = "lookups", ttl = 60)
    public String lookup(String key) {
        BODY_RUNS.get()[0]++;
        return expected(key);
    }
}
