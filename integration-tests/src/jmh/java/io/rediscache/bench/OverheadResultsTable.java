package io.rediscache.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The parts of the results beyond the hit and the locks: (m) the near hit against its floors; (c) the miss against its floor (c′)
 * with their round trips, and (c″) the miss with asynchronous writes; (i) a method the agent does not instrument, with and without it, and
 * (j) a cached method whose circuit breaker is open against (d), the method without the agent;
 * the allocation of (e) a key; (k) throughput of hit and floor from 1 to 16 threads; (l) the
 * value's size in three formats. Each comparison is a ratio (or, for (j), a difference) against
 * its floor with the target beside it.
 */
final class OverheadResultsTable {

    static final String NEAR_HIT = "NearHitBenchmark.nearHit";
    static final String NEAR_FLOOR_OBJECT = "NearFloorBenchmark.caffeineGet";
    static final String NEAR_FLOOR_DECODE = "NearFloorBenchmark.caffeineGetAndDecode";
    static final String MISS = "CachedCallBenchmark.miss";
    static final String MISS_FLOOR = "MissFloorBenchmark.getComputeEncodeSet";
    static final String UNINSTRUMENTED = "AgentOffBenchmark.uninstrumented";
    static final String BREAKER_OPEN = "AgentOffBenchmark.breakerOpen";
    static final String BODY_ALONE = "UncachedBenchmark.bodyAlone";
    static final int[] THREADS = {1, 2, 4, 8, 16};

    private OverheadResultsTable() {
    }

    /**
     * @param near "{run} {benchmark}" → each round's result, runs "near-hit" and "near-floor"
     * @param misses likewise, runs "miss", "miss-floor" and "miss-async"
     * @param agentOff likewise, runs "plain-agent", "plain-no-agent" and "breaker-open"
     * @param results every other result (the key benchmarks', with the GC profiler's figures)
     * @param throughput likewise, runs "hit-{threads}" and "floor-{threads}"
     * @param figures the {@code name=value} lines the trials wrote ({@link ForkCheck#figure})
     * @param sizes the value's sizes, or {@code null} when that part did not run
     */
    static String render(Map<String, List<RunResult>> near, Map<String, List<RunResult>> misses,
                         Map<String, List<RunResult>> agentOff, List<RunResult> results,
                         Map<String, List<RunResult>> throughput, List<String> figures, ValueSizes sizes) {
        StringBuilder text = new StringBuilder();
        near(text, near);
        List<RunResult> miss = misses.get("miss " + MISS);
        List<RunResult> missFloor = misses.get("miss-floor " + MISS_FLOOR);
        List<RunResult> missAsync = misses.get("miss-async " + MISS);
        if (miss != null && missFloor != null && missAsync != null) {
            text.append(String.format(Locale.ROOT, "%nMisses, each on a key never used before; (c), (c') and (c'') alternate"
                    + " fork by fork for %d round(s); round trips counted by Redis (MONITOR) over %d calls before each"
                    + " trial's measurement (for (c''), the writer thread's SETs that Redis had received by the sample's"
                    + " end).%n%n", BenchmarkMain.ROUNDS, CachedCallBenchmark.SAMPLE_CALLS));
            text.append("| miss benchmark | µs/op (AverageTime, ± 99.9% CI) | Redis round trips per call |\n|---|---:|---:|\n");
            row(text, "(c) cached call, miss: GET + body + encode + SET NX PX (agent attached)", miss,
                    figure(figures, "roundTrips.miss"));
            row(text, "(c') floor: GET (nil) + body + encode + SET PX by hand (no agent)", missFloor,
                    figure(figures, "roundTrips.missFloor"));
            row(text, "(c'') cached call, miss, with cache.write.async=true: the SET is sent by the agent's writer"
                    + " thread after the call returned (agent attached)", missAsync, figure(figures, "roundTrips.missAsync"));
            text.append(String.format(Locale.ROOT, "%nMiss vs floor: c/c' = %s; target 1.10 or lower.%n"
                    + "Asynchronous write vs floor: c''/c' = %s (the caller waits for one round trip, the floor for two).%n",
                    ratio(miss, missFloor), ratio(missAsync, missFloor)));
        }
        List<RunResult> withAgent = agentOff.get("plain-agent " + UNINSTRUMENTED);
        List<RunResult> withoutAgent = agentOff.get("plain-no-agent " + UNINSTRUMENTED);
        List<RunResult> body = agentOff.get("plain-no-agent " + BODY_ALONE);
        List<RunResult> breaker = agentOff.get("breaker-open " + BREAKER_OPEN);
        if (withAgent != null && withoutAgent != null && body != null && breaker != null) {
            text.append(String.format(Locale.ROOT, "%nWhere the agent does not cache; (i), (i'), (d) and (j) alternate"
                    + " fork by fork for %d round(s). (j)'s agent is configured with a closed loopback port as"
                    + " redis.url; its breaker opened before the measurement, and every measured call ran uncached"
                    + " (checked with the agent's statistics).%n%n", BenchmarkMain.ROUNDS));
            text.append("| benchmark | µs/op (AverageTime, ± 99.9% CI) |\n|---|---:|\n");
            row(text, "(i) a method the agent does not instrument, in an instrumented class (agent attached)", withAgent, null);
            row(text, "(i') the same method without the agent", withoutAgent, null);
            row(text, "(d) the cached method without the agent (body alone)", body, null);
            row(text, "(j) the cached method, agent attached, Redis unreachable, circuit breaker open", breaker, null);
            Result<?> j = merged(breaker);
            Result<?> d = merged(body);
            text.append(String.format(Locale.ROOT, "%nUninstrumented, with vs without the agent: i/i' = %s; target 1.00"
                            + " within the noise.%nBreaker open: j - d = %+.3f µs (%+.3f to %+.3f from the error bars);"
                            + " target below 1 µs.%n",
                    ratio(withAgent, withoutAgent), j.getScore() - d.getScore(),
                    j.getScore() - j.getScoreError() - d.getScore() - d.getScoreError(),
                    j.getScore() + j.getScoreError() - d.getScore() + d.getScoreError()));
        }
        keyAllocation(text, results);
        throughput(text, throughput);
        if (sizes != null) {
            text.append(sizes.describe());
        }
        return text.toString();
    }

    private static void near(StringBuilder text, Map<String, List<RunResult>> near) {
        List<RunResult> hit = near.get("near-hit " + NEAR_HIT);
        List<RunResult> object = near.get("near-floor " + NEAR_FLOOR_OBJECT);
        List<RunResult> decode = near.get("near-floor " + NEAR_FLOOR_DECODE);
        if (hit == null || object == null || decode == null) {
            return;
        }
        text.append(String.format(Locale.ROOT, "%nNear hits, the value in the JVM's near tier (no round trip; each"
                + " trial checked: no GET or script in Redis, NearHits = calls, no body run); (m) and its floors alternate"
                + " fork by fork for %d round(s). The floors use the Caffeine the agent ships, keyed by the agent's"
                + " key.%n%n", BenchmarkMain.ROUNDS));
        text.append("| near benchmark | µs/op (AverageTime, ± 99.9% CI) |\n|---|---:|\n");
        row(text, "(m) cached call, near hit: advice, key, Caffeine get, copy of the value decoded once (agent attached)",
                hit, null);
        row(text, "(m') floor: Caffeine getIfPresent of the object itself, shared by every caller (no agent)", object,
                null);
        row(text, "(m'') floor: Caffeine getIfPresent of the stored bytes + decode with the agent's codec, each caller"
                + " its own copy (no agent)", decode, null);
        text.append(String.format(Locale.ROOT, "%nNear hit: %s µs; target below 1 µs. Against its floors: m/m' = %s;"
                + " m/m'' = %s.%n", ResultsTable.micros(merged(hit).getScore()), ratio(hit, object), ratio(hit, decode)));
    }

    private static void keyAllocation(StringBuilder text, List<RunResult> results) {
        StringBuilder line = new StringBuilder();
        for (String benchmark : List.of("KeyBenchmark.fourArguments", "KeyBenchmark.oneString")) {
            for (RunResult result : results) {
                if (result.getParams().getBenchmark().endsWith("." + benchmark)) {
                    for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
                        if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                            line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f ± %.0f %s",
                                    benchmark.equals("KeyBenchmark.fourArguments") ? "(e) 4 arguments" : "(e') 1 String",
                                    secondary.getValue().getScore(), secondary.getValue().getScoreError(),
                                    secondary.getValue().getScoreUnit()));
                        }
                    }
                }
            }
        }
        if (line.length() > 0) {
            text.append(String.format(Locale.ROOT, "%nKey allocation per call (JMH -prof gc, gc.alloc.rate.norm): %s."
                    + " Their times are in the first table; target for (e): below 1 µs.%n", line));
        }
    }

    private static void throughput(StringBuilder text, Map<String, List<RunResult>> throughput) {
        if (throughput.isEmpty()) {
            return;
        }
        text.append(String.format(Locale.ROOT, "%n(k) Throughput, hit path against its floor (raw GET + decode by hand,"
                + " no agent), N threads in one JVM; the agent's redis.pool.size and the floor's pool: %d connections,"
                + " socket timeout and pool wait %d ms for both; hit and floor alternate fork by fork per thread count. Target: hit/floor at 8 threads 0.9 or more.%n%n"
                + "| threads | hit, ops/s (± 99.9%% CI) | floor, ops/s (± 99.9%% CI) | hit/floor |%n|---:|---:|---:|---:|%n",
                ThroughputBenchmark.POOL_SIZE, ThroughputBenchmark.WAIT_MILLIS));
        for (int threads : THREADS) {
            List<RunResult> hit = throughput.get("hit-" + threads + " ThroughputBenchmark.hit");
            List<RunResult> floor = throughput.get("floor-" + threads + " ThroughputBenchmark.floor");
            if (hit != null && floor != null) {
                Result<?> h = merged(hit);
                Result<?> f = merged(floor);
                text.append(String.format(Locale.ROOT, "| %d | %.0f ± %.0f | %.0f ± %.0f | %.2f |%n", threads, h.getScore(),
                        h.getScoreError(), f.getScore(), f.getScoreError(), h.getScore() / f.getScore()));
            }
        }
    }

    private static void row(StringBuilder text, String label, List<RunResult> rounds, String roundTrips) {
        Result<?> average = merged(rounds);
        text.append(String.format(Locale.ROOT, "| %s | %s ± %s |%s%n", label, ResultsTable.micros(average.getScore()),
                ResultsTable.micros(average.getScoreError()), roundTrips == null ? "" : " " + roundTrips + " |"));
    }

    private static String ratio(List<RunResult> a, List<RunResult> b) {
        return ResultsTable.ratio(merged(a), merged(b), a, b);
    }

    /** One result over the iterations of every round. */
    private static Result<?> merged(List<RunResult> rounds) {
        return BenchmarkMain.merge(rounds).getPrimaryResult();
    }

    /** The value(s) the trials recorded under {@code name}: one when they all agree, else each, in run order. */
    private static String figure(List<String> figures, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String line : figures) {
            if (line.startsWith(name + "=")) {
                values.add(line.substring(name.length() + 1));
            }
        }
        return values.isEmpty() ? "not counted" : String.join(" / ", values);
    }
}
