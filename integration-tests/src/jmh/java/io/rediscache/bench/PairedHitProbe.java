package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * A cross-check of a/b that background load cannot skew: in ONE JVM with the agent attached, a
 * cached hit and the floor (raw GET + hand decode of the same key) alternate call by call,
 * each timed with {@code System.nanoTime()}, so both see the same machine at the same moment.
 * Not JMH, and the floor here shares its JVM with the agent, so the JMH figures (separate
 * forks) stay the reference; this one says how much of their difference is the agent's.
 *
 * <p>Run by {@link BenchmarkMain} through the harness's {@code ForkedJvm}; arguments: the
 * agent's key for {@code profile("user-42")}, then the measured seconds. Reports
 * {@code RESULT name=value} lines.
 */
public final class PairedHitProbe {

    private static final int MAX_PAIRS = 2_000_000;

    private PairedHitProbe() {
    }

    public static void main(String[] args) {
        ForkCheck.requireAgent();
        byte[] key = args[0].getBytes(StandardCharsets.UTF_8);
        long seconds = Long.parseLong(args[1]);
        ProfileService service = new ProfileService();
        HandDecoder decoder = new HandDecoder();
        CustomerProfile expected = ProfileService.build(CachedCallBenchmark.HIT_ID);
        try (RedisClient redis = BenchRedis.client()) {
            if (!expected.equals(service.profile(CachedCallBenchmark.HIT_ID))
                    || !expected.equals(decoder.decode(redis.get(key)))) {
                throw new IllegalStateException("hit or floor did not return the expected profile");
            }
            long runsBefore = ProfileService.bodyRuns();
            long warmUntil = System.nanoTime() + 6_000_000_000L;
            while (System.nanoTime() < warmUntil) {
                service.profile(CachedCallBenchmark.HIT_ID);
                decoder.decode(redis.get(key));
            }
            long[] hits = new long[MAX_PAIRS];
            long[] floors = new long[MAX_PAIRS];
            int pairs = 0;
            long until = System.nanoTime() + seconds * 1_000_000_000L;
            Object last = null;
            while (pairs < MAX_PAIRS && System.nanoTime() < until) {
                long start = System.nanoTime();
                if ((pairs & 1) == 0) { // alternate which goes first, so neither always follows the other
                    last = service.profile(CachedCallBenchmark.HIT_ID);
                    long middle = System.nanoTime();
                    last = decoder.decode(redis.get(key));
                    hits[pairs] = middle - start;
                    floors[pairs] = System.nanoTime() - middle;
                } else {
                    last = decoder.decode(redis.get(key));
                    long middle = System.nanoTime();
                    last = service.profile(CachedCallBenchmark.HIT_ID);
                    floors[pairs] = middle - start;
                    hits[pairs] = System.nanoTime() - middle;
                }
                pairs++;
            }
            report("pairs", pairs);
            report("degraded", ProfileService.bodyRuns() - runsBefore);
            report("lastEqual", expected.equals(last));
            summarise("hit", Arrays.copyOf(hits, pairs));
            summarise("floor", Arrays.copyOf(floors, pairs));
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
