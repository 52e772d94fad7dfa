package io.rediscache.it.soak;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.RedisCache;

/**
 * What the soak run calls: a cached lookup whose body counts its runs per thread (so a caller
 * can tell a hit from a miss), and a short job under a Redis lock whose body checks that no
 * other thread of this JVM is inside the same lock.
 */
public class SoakService {

    private static final ThreadLocal<int[]> BODY_RUNS = ThreadLocal.withInitial(() -> new int[1]);
    private static final AtomicInteger[] INSIDE = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};

    static int bodyRunsOnThisThread() {
        return BODY_RUNS.get()[0];
    }

    static String expected(String key) {
        return "soak-value-of-" + key;
    }

    @RedisCache(name = "soak", ttl = 30)
    public String lookup(String key) {
        BODY_RUNS.get()[0]++;
        return expected(key);
    }

    /** @return {@code false} when another thread was inside the same lock: mutual exclusion broken */
    @Locked(value = "soak_job_{0}", waitMillis = 50, leaseMillis = 3000)
    public boolean job(int slot) throws InterruptedException {
        boolean alone = INSIDE[slot].incrementAndGet() == 1;
        Thread.sleep(2);
        INSIDE[slot].decrementAndGet();
        return alone;
    }
}
