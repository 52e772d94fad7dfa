package io.rediscache.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (g) The floor for an uncontended lock, in a JVM without the agent: {@link HandWrittenLock}
 * ({@code SET key token NX PX lease}, then {@code EVALSHA} compare-and-delete) with the same
 * Jedis client and pool as the agent ({@link BenchRedis}), on the same key with the same lease as
 * {@link LockedCallBenchmark}. It issues no fencing token and notifies no waiter, which the
 * agent's scripts do inside the same two round trips.
 *
 * <p>The set-up counts the round trips of a sample of calls ({@link RoundTripCounter}). The
 * end-of-trial check reads Redis's command counters (one {@code SET} and one {@code EVALSHA} per
 * call, and every {@code SET} found the lock free); a call slower than the 200 ms socket timeout
 * is counted, at most {@link ForkCheck#tolerated one in ten thousand}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockFloorBenchmark {

    @Benchmark
    public void setNxPxAndCompareAndDelete(Floor state) {
        state.calls++;
        state.lock.lockAndUnlock();
    }

    @State(Scope.Thread)
    public static class Floor {
        RedisClient redis;
        HandWrittenLock lock;
        long calls;
        long setsBefore;
        long evalshaBefore;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            ForkCheck.requireNoAgent();
            redis = BenchRedis.client();
            lock = new HandWrittenLock(redis, LockedJobs.UNCONTENDED_KEY, LockedJobs.LEASE_MILLIS);
            Map<String, Double> roundTrips = RoundTripCounter.perCall(LockedCallBenchmark.SAMPLE_CALLS, lock::lockAndUnlock);
            ForkCheck.figure("roundTrips.floor", RoundTripCounter.describe(roundTrips));
            lock.resetCounts();
            setsBefore = BenchRedis.calls(redis, "set");
            evalshaBefore = BenchRedis.calls(redis, "evalsha");
        }

        @TearDown(Level.Trial)
        public void check() {
            long sets = BenchRedis.calls(redis, "set") - setsBefore;
            long evalshas = BenchRedis.calls(redis, "evalsha") - evalshaBefore;
            boolean leftFree = !redis.exists(LockedJobs.UNCONTENDED_KEY);
            redis.close();
            String line = String.format("%d calls, %d SET NX PX, %d EVALSHA, %d found the lock taken, %d not released,"
                    + " %d timed out (200 ms socket timeout), lock free afterwards: %s",
                    calls, sets, evalshas, lock.busy, lock.notReleased, lock.failures, leftFree);
            if (lock.failures > ForkCheck.tolerated(calls) || lock.busy > lock.failures || lock.notReleased > lock.failures
                    || sets < calls - lock.failures || evalshas < calls - lock.failures - lock.busy || !leftFree) {
                throw new IllegalStateException("the lock floor did not take and release the lock once per call: " + line);
            }
            ForkCheck.report("lock floor", line);
        }
    }
}
