package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.exceptions.JedisConnectionException;
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
 * (b) The floor for a remote hit, in a JVM without the agent: one raw Jedis {@code GET} of the
 * very key and bytes the agent stored for {@code profile("user-42")} (named by
 * {@code -Dbench.hit.key}, found by {@link BenchmarkMain} after the agent's run), then a Kryo
 * decode by hand ({@link HandDecoder}). The key's bytes are prepared once: the floor pays no
 * key hashing, no advice, no metadata lookup, no type check. Like the agent, it survives a reply
 * slower than the 200 ms socket timeout (counted; at most one call in ten thousand).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FloorBenchmark {

    static final String KEY_PROPERTY = "bench.hit.key";

    @Benchmark
    public Object rawGetAndDecode(Floor state) {
        state.calls++;
        byte[] bytes;
        try {
            bytes = state.redis.get(state.key);
        } catch (JedisConnectionException timeout) {
            state.timeouts++; // as the agent does: the time stays measured, the trial's check counts it
            return null;
        }
        return state.decoder.decode(bytes);
    }

    @State(Scope.Thread)
    public static class Floor {
        RedisClient redis;
        byte[] key;
        long calls;
        long timeouts;
        final HandDecoder decoder = new HandDecoder();

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireNoAgent();
            String name = System.getProperty(KEY_PROPERTY);
            if (name == null) {
                throw new IllegalStateException("-D" + KEY_PROPERTY + " must name the key the agent stored;"
                        + " run the benchmarks through BenchmarkMain (integration-tests/bench.sh)");
            }
            key = name.getBytes(StandardCharsets.UTF_8);
            redis = BenchRedis.client();
            Object value = decoder.decode(redis.get(key));
            if (!ProfileService.build(CachedCallBenchmark.HIT_ID).equals(value)) {
                throw new IllegalStateException("the value under " + name + " is not the expected profile: " + value);
            }
        }

        @TearDown(Level.Trial)
        public void check() {
            redis.close();
            String line = String.format("%d calls, %d timed out (200 ms socket timeout)", calls, timeouts);
            if (timeouts > ForkCheck.tolerated(calls)) {
                throw new IllegalStateException("too many floor calls timed out: " + line);
            }
            ForkCheck.report("floor", line);
        }
    }
}
