package io.rediscache.bench;

import java.util.Arrays;
import java.util.Locale;

import io.rediscache.LockUnavailableException;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * A cross-check of f/g that background load cannot skew, as {@link PairedHitProbe} is for the
 * hit: in ONE JVM with the agent attached, an uncontended {@code @Locked} call of the empty
 * method and the hand-written floor ({@link HandWrittenLock}, same key, same lease, the same
 * Jedis classes and pool settings) alternate call by call, each timed with
 * {@code System.nanoTime()}, so both see the same machine at the same moment. The JMH figures
 * (separate forks) stay the reference; this one says how much of their difference is the agent's.
 *
 * <p>Run by {@link BenchmarkMain} through the harness's {@code ForkedJvm}; argument: the measured
 * seconds (after 6 s of warm-up). Reports {@code RESULT name=value} lines.
 */
public final class PairedLockProbe {

    private static final int MAX_PAIRS = 2_000_000;

    private PairedLockProbe() {
    }

    public static void main(String[] args) {
        ForkCheck.requireAgent();
        long seconds = Long.parseLong(args[0]);
        LockedJobs jobs = new LockedJobs();
        try (RedisClient redis = BenchRedis.client()) {
            HandWrittenLock floor = new HandWrittenLock(redis, LockedJobs.UNCONTENDED_KEY, LockedJobs.LEASE_MILLIS);
            if (!jobs.keyPresentInside(redis)) {
                throw new IllegalStateException("the @Locked method's key was not in Redis while its body ran");
            }
            long warmUntil = System.nanoTime() + 6_000_000_000L;
            long lockedFailures = 0;
            while (System.nanoTime() < warmUntil) {
                lockedFailures += locked(jobs, redis);
                floor.lockAndUnlock();
            }
            floor.resetCounts();
            lockedFailures = 0;
            long runsBefore = LockedJobs.bodyRuns();
            long[] lockedNanos = new long[MAX_PAIRS];
            long[] floorNanos = new long[MAX_PAIRS];
            int pairs = 0;
            long until = System.nanoTime() + seconds * 1_000_000_000L;
            while (pairs < MAX_PAIRS && System.nanoTime() < until) {
                long start = System.nanoTime();
                if ((pairs & 1) == 0) { // alternate which goes first, so neither always follows the other
                    lockedFailures += locked(jobs, redis);
                    long middle = System.nanoTime();
                    floor.lockAndUnlock();
                    lockedNanos[pairs] = middle - start;
                    floorNanos[pairs] = System.nanoTime() - middle;
                } else {
                    floor.lockAndUnlock();
                    long middle = System.nanoTime();
                    lockedFailures += locked(jobs, redis);
                    floorNanos[pairs] = middle - start;
                    lockedNanos[pairs] = System.nanoTime() - middle;
                }
                pairs++;
            }
            report("pairs", pairs);
            report("lockedBodyRuns", LockedJobs.bodyRuns() - runsBefore);
            report("lockedFailures", lockedFailures);
            report("floorFailures", floor.failures + floor.busy + floor.notReleased);
            summarise("locked", Arrays.copyOf(lockedNanos, pairs));
            summarise("floor", Arrays.copyOf(floorNanos, pairs));
        }
    }

    /** One locked call; 1 if it failed closed (a Redis timeout), after deleting the key it may have left. */
    private static int locked(LockedJobs jobs, RedisClient redis) {
        try {
            jobs.empty();
            return 0;
        } catch (LockUnavailableException timeout) {
            redis.del(LockedJobs.UNCONTENDED_KEY);
            return 1;
        }
    }

    private static void summarise(String name, long[] nanos) {
        Arrays.sort(nanos);
        report(name + ".mean", Arrays.stream(nanos).average().orElse(0) / 1000);
        report(name + ".p50", nanos[nanos.length / 2] / 1000.0);
        report(name + ".p99", nanos[(int) (nanos.length * 0.99)] / 1000.0);
    }

    private static void report(String name, Object value) {
        String text = value instanceof Double ? String.format(Locale.ROOT, "%.3f", value) : String.valueOf(value);
        System.out.println("RESULT " + name + "=" + text);
    }
}
