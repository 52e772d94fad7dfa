package io.rediscache.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.rediscache.LockUnavailableException;
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
 * (f) An uncontended {@code @Locked} call of an empty method in a JVM with the agent attached:
 * acquire (lock and fencing token, one script), the body, release (one script), against the
 * benchmark's own loopback Redis.
 *
 * <p>The set-up checks that the lock really is in Redis (its key exists while the body runs, and
 * is gone after it), then counts the round trips of a sample of calls ({@link RoundTripCounter}).
 * The end-of-trial check reads Redis's command counters: every call ran the body and sent two
 * {@code EVALSHA} and no {@code EVAL} (the scripts were cached by the set-up). A call whose Redis
 * reply took longer than the agent's 200 ms socket timeout fails closed with
 * {@code LockUnavailableException}; it is counted (at most {@link ForkCheck#tolerated one in ten
 * thousand}), and the benchmark deletes the lock key it may have left behind, as an operator
 * would, so that the next call is not held up by a lease nobody will release.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockedCallBenchmark {

    static final int SAMPLE_CALLS = 1000;

    @Benchmark
    public void uncontended(Uncontended state) {
        state.calls++;
        try {
            state.jobs.empty();
        } catch (LockUnavailableException timeout) {
            state.failures++;
            state.redis.del(LockedJobs.UNCONTENDED_KEY);
        }
    }

    @State(Scope.Thread)
    public static class Uncontended {
        final LockedJobs jobs = new LockedJobs();
        RedisClient redis;
        long calls;
        long failures;
        long bodyRunsBefore;
        long evalshaBefore;
        long evalBefore;

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            ForkCheck.requireAgent();
            redis = BenchRedis.client();
            if (!jobs.keyPresentInside(redis) || redis.exists(LockedJobs.UNCONTENDED_KEY)) {
                throw new IllegalStateException("the lock's key " + LockedJobs.UNCONTENDED_KEY + " was not in Redis while"
                        + " the body ran, or stayed after it: are the locks in Redis? See the agent's log above.");
            }
            Map<String, Double> roundTrips = RoundTripCounter.perCall(SAMPLE_CALLS, jobs::empty);
            ForkCheck.figure("roundTrips.locked", RoundTripCounter.describe(roundTrips));
            bodyRunsBefore = LockedJobs.bodyRuns();
            evalshaBefore = BenchRedis.calls(redis, "evalsha");
            evalBefore = BenchRedis.calls(redis, "eval");
        }

        @TearDown(Level.Trial)
        public void check() {
            long runs = LockedJobs.bodyRuns() - bodyRunsBefore;
            long evalshas = BenchRedis.calls(redis, "evalsha") - evalshaBefore;
            long evals = BenchRedis.calls(redis, "eval") - evalBefore;
            boolean leftFree = !redis.exists(LockedJobs.UNCONTENDED_KEY);
            redis.close();
            String line = String.format("%d calls, %d body runs, %d EVALSHA, %d EVAL, %d failed closed"
                    + " (Redis timeout), lock free afterwards: %s", calls, runs, evalshas, evals, failures, leftFree);
            if (failures > ForkCheck.tolerated(calls) || runs != calls - failures || evals != 0
                    || evalshas < 2 * (calls - failures) || evalshas > 2 * calls || !leftFree) {
                throw new IllegalStateException("the locked benchmark did not take and release the lock once per call: "
                        + line);
            }
            ForkCheck.report("locked", line);
        }
    }
}
