package io.rediscache.it.faults;

import io.rediscache.RedisCache;

/**
 * The cached method the fault tests hammer. Its body counts its runs per thread, so a caller
 * can tell a hit (the counter did not move) from a miss or an uncached call without racing
 * against other threads, and times itself, so a caller can tell the method's own cost from
 * what the agent added.
 */
public class FaultService {

    private static final ThreadLocal<long[]> BODY = ThreadLocal.withInitial(() -> new long[2]);

    /** How often the body of {@link #lookup} ran on the calling thread. */
    public static long bodyRunsOnThisThread() {
        return BODY.get()[0];
    }

    /** How long the body of {@link #lookup} ran on the calling thread, in total: the method's own cost. */
    public static long bodyNanosOnThisThread() {
        return BODY.get()[1];
    }

    /** The value {@link #lookup} must return for {@code key}, cached or not. */
    public static String expected(String key) {
        return "value-of-" + key;
    }

    @RedisCache(name = "lookups", ttl = 60)
    public String lookup(String key) {
        long start = System.nanoTime();
        long[] body = BODY.get();
        body[0]++;
        String value = expected(key);
        body[1] += System.nanoTime() - start;
        return value;
    }
}
