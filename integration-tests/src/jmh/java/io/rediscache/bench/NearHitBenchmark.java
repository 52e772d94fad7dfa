package io.rediscache.bench;

import java.util.concurrent.TimeUnit;

import javax.management.JMException;

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
 * (m) A near hit: a {@code @RedisCache(near = true)} method called in a JVM with the agent
 * attached, its value in the JVM's near tier. Advice, key hashing, the near tier's Caffeine
 * lookup, a copy of the value decoded from the kept bytes on the first hit (each caller gets its own
 * copy; {@code ValueCopier}) and the type check; no
 * round trip. Its floors, without the agent, are in {@link NearFloorBenchmark}.
 *
 * <p>The trial checks that it measured near hits and nothing else: Redis ran no {@code GET} and
 * no script during the trial, the agent's {@code NearHits} rose by the number of calls, the
 * body never ran, and the value is the expected profile.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NearHitBenchmark {

    @Benchmark
    public CustomerProfile nearHit(NearHit state) {
        state.calls++;
        return state.service.nearProfile(CachedCallBenchmark.HIT_ID);
    }

    @State(Scope.Thread)
    public static class NearHit {
        final ProfileService service = new ProfileService();
        RedisClient redis;
        long calls;
        long bodyRunsBefore;
        long readsBefore;
        long nearHitsBefore;

        @Setup(Level.Trial)
        public void setUp() throws JMException, InterruptedException {
            ForkCheck.requireAgent();
            redis = BenchRedis.client();
            service.nearProfile(CachedCallBenchmark.HIT_ID); // stores the value, unless an earlier fork did
            long nearHits = AgentStatistics.get("NearHits");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (AgentStatistics.get("NearHits") == nearHits && System.nanoTime() < deadline) {
                Thread.sleep(5); // until the subscription is live and the value kept near
                service.nearProfile(CachedCallBenchmark.HIT_ID);
            }
            if (AgentStatistics.get("NearHits") == nearHits) {
                throw new IllegalStateException("nearProfile(" + CachedCallBenchmark.HIT_ID + ") never became a near"
                        + " hit within 10 s; is Redis reachable? See the agent's log above.");
            }
            expectProfile();
            bodyRunsBefore = ProfileService.bodyRuns();
            readsBefore = reads();
            nearHitsBefore = AgentStatistics.get("NearHits");
        }

        @TearDown(Level.Trial)
        public void check() throws JMException, InterruptedException {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            long reads = reads() - readsBefore;
            long nearHits = AgentStatistics.get("NearHits") - nearHitsBefore;
            redis.close();
            String line = String.format("%d calls, %d near hits, %d Redis reads (GET and scripts), %d body runs",
                    calls, nearHits, reads, runs);
            if (nearHits != calls || reads != 0 || runs != 0) {
                throw new IllegalStateException("the near-hit benchmark was not all near hits: " + line);
            }
            expectProfile();
            ForkCheck.report("near hit", line);
        }

        private void expectProfile() {
            CustomerProfile value = service.nearProfile(CachedCallBenchmark.HIT_ID);
            if (!ProfileService.build(CachedCallBenchmark.HIT_ID).equals(value)) {
                throw new IllegalStateException("nearProfile(" + CachedCallBenchmark.HIT_ID + ") returned " + value);
            }
        }

        /** GETs, and scripts (a near miss reads by script, with the TTL), Redis has run so far. */
        private long reads() {
            return BenchRedis.calls(redis, "get") + BenchRedis.calls(redis, "evalsha") + BenchRedis.calls(redis, "eval");
        }
    }
}
