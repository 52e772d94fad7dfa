package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.exceptions.JedisConnectionException;
import io.rediscache.agent.shaded.redis.clients.jedis.params.SetParams;
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
 * (c′) The floor for a miss, in a JVM without the agent: what an application that cached the
 * method by hand would do at least, on a key never used before: {@code GET} (nil), the body
 * (the same {@code freshProfile} the miss benchmark calls, here not instrumented), an encode
 * with the agent's own codec, and {@code SET key value PX 60000}. The key is a plain string of
 * the same length as the agent's: the floor pays no key hashing and no advice.
 *
 * <p>The set-up counts the round trips of a sample of calls ({@link RoundTripCounter}); the
 * end-of-trial check reads Redis's command counters (one {@code GET} and one {@code SET} per
 * call, every body run). A call slower than the 200 ms socket timeout is counted, at most
 * {@link ForkCheck#tolerated one in ten thousand}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MissFloorBenchmark {

    @Benchmark
    public CustomerProfile getComputeEncodeSet(Floor state) {
        state.calls++;
        return state.missAndStore(state.nextId());
    }

    @State(Scope.Thread)
    public static class Floor {
        final ProfileService service = new ProfileService();
        final KryoCodec codec = new KryoCodec(new ClassAllowList(List.of("io.rediscache.bench")));
        final SetParams ttl = SetParams.setParams().px(60_000);
        /** Random per fork, as in the miss benchmark: no fork meets a key an earlier one stored. */
        private long next = 2_176_782_336L + ThreadLocalRandom.current().nextLong(70_000_000_000L);
        RedisClient redis;
        long calls;
        long timeouts;
        long bodyRunsBefore;
        long getsBefore;
        long setsBefore;

        String nextId() {
            return "u" + Long.toString(next++, 36);
        }

        /** The key: as long as the agent's ({namespace}|{cache}|{32 hex digits}), not hashed. */
        CustomerProfile missAndStore(String id) {
            byte[] key = ("bench|profiles-fresh|floor-" + id + "000000000000000000").getBytes(StandardCharsets.UTF_8);
            try {
                if (redis.get(key) != null) {
                    throw new IllegalStateException("the floor's fresh key was not fresh");
                }
                CustomerProfile profile = service.freshProfile(id);
                redis.set(key, codec.encode(profile, Floor.class.getClassLoader()), ttl);
                return profile;
            } catch (JedisConnectionException timeout) {
                timeouts++; // as the agent does: the time stays measured, the trial's check counts it
                return null;
            } catch (CodecException e) {
                throw new IllegalStateException(e);
            }
        }

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            ForkCheck.requireNoAgent();
            redis = BenchRedis.client();
            Map<String, Double> roundTrips = RoundTripCounter.perCall(CachedCallBenchmark.SAMPLE_CALLS,
                    () -> missAndStore(nextId()));
            ForkCheck.figure("roundTrips.missFloor", RoundTripCounter.describe(roundTrips));
            bodyRunsBefore = ProfileService.bodyRuns();
            getsBefore = BenchRedis.calls(redis, "get");
            setsBefore = BenchRedis.calls(redis, "set");
        }

        @TearDown(Level.Trial)
        public void check() {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            long gets = BenchRedis.calls(redis, "get") - getsBefore;
            long sets = BenchRedis.calls(redis, "set") - setsBefore;
            redis.close();
            String line = String.format("%d calls, %d body runs, %d GETs, %d SETs, %d timed out (200 ms socket timeout)",
                    calls, runs, gets, sets, timeouts);
            if (timeouts > ForkCheck.tolerated(calls) || runs < calls - timeouts || gets < calls - timeouts
                    || sets < calls - timeouts || gets > calls || sets > calls) {
                throw new IllegalStateException("the miss floor did not GET, compute and SET once per call: " + line);
            }
            ForkCheck.report("miss floor", line);
        }
    }
}
