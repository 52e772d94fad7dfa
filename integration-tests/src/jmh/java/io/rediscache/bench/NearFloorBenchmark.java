package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.shaded.com.github.benmanes.caffeine.cache.Cache;
import io.rediscache.agent.shaded.com.github.benmanes.caffeine.cache.Caffeine;
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
 * The floors of a near hit (m), in a JVM without the agent, with the Caffeine the agent ships
 * (the relocated copy inside its jar), keyed by the very key the agent used for
 * {@code nearProfile("user-42")} (named by {@code -Dbench.near.key}, found by {@link BenchmarkMain}
 * after the agent's run):
 * <ul>
 * <li>(m′) {@link #caffeineGet}: a plain in-process cache, {@code getIfPresent} of the profile
 *     object itself: every caller shares one instance, which a caller may then change for all;</li>
 * <li>(m″) {@link #caffeineGetAndDecode}: {@code getIfPresent} of the bytes the agent stored,
 *     and a decode of them with the agent's codec ({@link HandDecoder}): the floor of a tier that
 *     gives every caller its own copy, as the agent's near tier does.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NearFloorBenchmark {

    static final String KEY_PROPERTY = "bench.near.key";

    @Benchmark
    public Object caffeineGet(Floor state) {
        state.calls++;
        return state.objects.getIfPresent(state.key);
    }

    @Benchmark
    public Object caffeineGetAndDecode(Floor state) {
        state.calls++;
        return state.decoder.decode(state.bytes.getIfPresent(state.key));
    }

    @State(Scope.Thread)
    public static class Floor {
        final Cache<String, Object> objects = Caffeine.newBuilder().maximumSize(10_000).build();
        final Cache<String, byte[]> bytes = Caffeine.newBuilder().maximumSize(10_000).build();
        final HandDecoder decoder = new HandDecoder();
        String key;
        long calls;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireNoAgent();
            String name = System.getProperty(KEY_PROPERTY);
            if (name == null) {
                throw new IllegalStateException("-D" + KEY_PROPERTY + " must name the key the agent stored;"
                        + " run the benchmarks through BenchmarkMain (integration-tests/bench.sh)");
            }
            key = name;
            byte[] stored;
            try (RedisClient redis = BenchRedis.client()) {
                stored = redis.get(name.getBytes(StandardCharsets.UTF_8));
            }
            Object value = decoder.decode(stored);
            if (!ProfileService.build(CachedCallBenchmark.HIT_ID).equals(value)) {
                throw new IllegalStateException("the value under " + name + " is not the expected profile: " + value);
            }
            objects.put(key, value);
            bytes.put(key, stored);
        }

        @TearDown(Level.Trial)
        public void check() {
            Object value = decoder.decode(bytes.getIfPresent(key));
            if (objects.getIfPresent(key) == null || !ProfileService.build(CachedCallBenchmark.HIT_ID).equals(value)) {
                throw new IllegalStateException("the floor's cache lost the value under " + key);
            }
            ForkCheck.report("near floor", calls + " calls; the entry was there, with the expected profile, at the end");
        }
    }
}
