package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.exceptions.JedisException;
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
 * (k) Throughput: N threads of one JVM ({@link BenchmarkMain} runs 1, 2, 4, 8 and 16) calling
 * the hit path, with the agent attached and {@code redis.pool.size} = {@link #POOL_SIZE}, against
 * the same N threads doing the floor (raw {@code GET} of the agent's key + decode, as
 * {@link FloorBenchmark}) through one shared client whose pool has the same size, without the
 * agent. Both wait {@link #WAIT_MILLIS} for a reply or a pooled connection. Each trial checks,
 * from Redis's command counters, that every hit call sent one {@code GET} and no {@code SET} and
 * skipped the body (a reply slower than that, or no pooled connection free, runs uncached, as designed: at most
 * {@link #tolerated one in a thousand}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThroughputBenchmark {

    /** Connections in the agent's pool and in the floor's: more than the most threads measured. */
    static final int POOL_SIZE = 32;
    /**
     * The socket timeout and pool wait of the agent and of the floor here, instead of 200 ms: with
     * 16 threads on one CPU, on a machine that is not quiet, a reply can take longer, and the
     * agent would then run calls uncached (and open its circuit breaker), no longer measuring hits.
     */
    static final int WAIT_MILLIS = 1_000;

    /**
     * Calls that may time out before a trial counts as broken: one in a thousand, ten times
     * {@link ForkCheck#tolerated} allows a single thread, as up to 16 threads share the CPU the
     * benchmark JVM is pinned to, and Redis the other one. Each stays in the measured time.
     */
    static long tolerated(long calls) {
        return calls / 1_000;
    }

    @Benchmark
    public CustomerProfile hit(Hits state) {
        state.calls.increment();
        return state.service.profile(CachedCallBenchmark.HIT_ID);
    }

    @Benchmark
    public Object floor(Floors state) {
        state.calls.increment();
        byte[] bytes;
        try {
            bytes = state.redis.get(state.key);
        } catch (JedisException timeout) { // a socket timeout, or no pooled connection within WAIT_MILLIS
            if (state.firstFailure == null) {
                state.firstFailure = timeout.toString();
            }
            state.timeouts.increment();
            return null;
        }
        return state.decoder.decode(bytes);
    }

    /** Shared by the benchmark's threads; its set-up and check run once per trial. */
    @State(Scope.Benchmark)
    public static class Hits {
        final ProfileService service = new ProfileService();
        final LongAdder calls = new LongAdder();
        RedisClient redis;
        long bodyRunsBefore;
        long getsBefore;
        long setsBefore;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireAgent();
            redis = BenchRedis.client();
            service.profile(CachedCallBenchmark.HIT_ID);
            long runs = ProfileService.bodyRuns();
            if (!ProfileService.build(CachedCallBenchmark.HIT_ID).equals(service.profile(CachedCallBenchmark.HIT_ID))
                    || ProfileService.bodyRuns() != runs) {
                throw new IllegalStateException("profile(" + CachedCallBenchmark.HIT_ID + ") is not a hit; is Redis reachable?");
            }
            bodyRunsBefore = ProfileService.bodyRuns();
            getsBefore = BenchRedis.calls(redis, "get");
            setsBefore = BenchRedis.calls(redis, "set");
        }

        @TearDown(Level.Trial)
        public void check() {
            long calls = this.calls.sum();
            long runs = ProfileService.bodyRuns() - bodyRunsBefore; // not atomic: with threads, a lower bound
            long gets = BenchRedis.calls(redis, "get") - getsBefore;
            long sets = BenchRedis.calls(redis, "set") - setsBefore;
            redis.close();
            String line = String.format("%d calls, %d GETs, %d SETs, at least %d body runs", calls, gets, sets, runs);
            if (runs > tolerated(calls) || gets < calls - tolerated(calls) || gets > calls || sets != 0) {
                throw new IllegalStateException("the throughput hit benchmark was not all hits: " + line);
            }
            ForkCheck.report("throughput hit", line);
        }
    }

    /** Shared by the benchmark's threads: one client, one pool, as the agent has. */
    @State(Scope.Benchmark)
    public static class Floors {
        final HandDecoder decoder = new HandDecoder();
        final LongAdder calls = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        volatile String firstFailure;
        RedisClient redis;
        byte[] key;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireNoAgent();
            String name = System.getProperty(FloorBenchmark.KEY_PROPERTY);
            if (name == null) {
                throw new IllegalStateException("-D" + FloorBenchmark.KEY_PROPERTY + " must name the key the agent stored;"
                        + " run the benchmarks through BenchmarkMain (integration-tests/bench.sh)");
            }
            key = name.getBytes(StandardCharsets.UTF_8);
            redis = BenchRedis.client(POOL_SIZE, WAIT_MILLIS);
            if (!ProfileService.build(CachedCallBenchmark.HIT_ID).equals(decoder.decode(redis.get(key)))) {
                throw new IllegalStateException("the value under " + name + " is not the expected profile");
            }
        }

        @TearDown(Level.Trial)
        public void check() {
            redis.close();
            long calls = this.calls.sum();
            String line = String.format("%d calls, %d timed out (1 s socket timeout or pool wait)%s", calls,
                    timeouts.sum(), firstFailure == null ? "" : ", the first: " + firstFailure);
            if (timeouts.sum() > tolerated(calls)) {
                throw new IllegalStateException("too many throughput floor calls timed out: " + line);
            }
            ForkCheck.report("throughput floor", line);
        }
    }
}
