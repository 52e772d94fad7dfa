package io.rediscache.bench;

import io.rediscache.Locked;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * The "legacy" code the lock benchmarks call: plain methods with {@code @Locked} only. The
 * uncontended lock's lease is the agent's default (30 s), which the floor uses too; its wait
 * (1 s) only matters if a call ever finds the lock taken, which an uncontended run never should.
 */
public class LockedJobs {

    /** The key of the uncontended lock in the benchmarks' namespace "bench". */
    static final String UNCONTENDED_KEY = "bench|lock|{uncontended}";
    static final long LEASE_MILLIS = 30_000;

    private static long bodyRuns;

    /** How often {@link #empty} ran in this JVM (single-threaded benchmarks only). */
    static long bodyRuns() {
        return bodyRuns;
    }

    /** The measured method: an empty body, apart from counting its runs. */
    @Locked(value = "uncontended", waitMillis = 1000, leaseMillis = LEASE_MILLIS)
    public void empty() {
        bodyRuns++;
    }

    /** The lock {@link LockHandoverProbe} passes from one thread to another; {@code body} runs under it. */
    @Locked(value = "handover", waitMillis = 5000, leaseMillis = LEASE_MILLIS)
    public void underHandoverLock(Runnable body) {
        body.run();
    }

    /** The same lock; tells whether its key was in Redis while the body ran (the set-up's check). */
    @Locked(value = "uncontended", waitMillis = 1000, leaseMillis = LEASE_MILLIS)
    public boolean keyPresentInside(RedisClient redis) {
        return redis.exists(UNCONTENDED_KEY);
    }
}
