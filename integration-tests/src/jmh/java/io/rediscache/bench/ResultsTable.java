package io.rediscache.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rediscache.it.harness.ForkedJvm;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Turns the JMH results into the Markdown text of the README's "Performance" section; the locks'
 * part comes from {@link LockResultsTable}.
 */
final class ResultsTable {

    private static final String PACKAGE = ResultsTable.class.getPackage().getName() + ".";
    private static final String HIT = "CachedCallBenchmark.hit";
    private static final String FLOOR = "FloorBenchmark.rawGetAndDecode";
    private static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put(HIT, "(a) cached call, hit (agent attached)");
        ROWS.put(FLOOR, "(b) floor: raw Jedis GET + decode with the agent's codec by hand (no agent)");
        ROWS.put("UncachedBenchmark.bodyAlone", "(d) the same method without the agent (body alone)");
        ROWS.put("KeyBenchmark.fourArguments", "(e) key: ArgumentHasher.key, 4 arguments (String, int, enum, 3-entry map)");
        ROWS.put("KeyBenchmark.oneString", "(e') key: ArgumentHasher.key, 1 String argument (as in the hit)");
    }

    private ResultsTable() {
    }

    /**
     * @param hitRounds the hit's AverageTime result of each round, in round order
     * @param floorRounds the floor's, likewise
     * @param paired what {@link PairedHitProbe} reported, or {@code null} when the hit did not run
     * @param valueBytes size of the hit's value as the agent stored it, or -1 when the hit did not run
     * @param missValueBytes size of one of the miss benchmark's values
     * @param placement how Redis and the benchmark JVMs were placed on the CPUs
     * @param load the machine's 1-minute load average seen during the runs
     * @param lockSection the lock benchmarks' part ({@link LockResultsTable}) and the others' ({@link OverheadResultsTable})
     * @param checks what each trial's end-of-run check found, one line per trial
     */
    static String render(List<RunResult> results, List<RunResult> hitRounds, List<RunResult> floorRounds,
                         ForkedJvm.Result paired, int valueBytes, int missValueBytes, String redisVersion,
                         String placement, String load, String lockSection,
                         List<String> checks) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Command: %s%n", BenchmarkMain.COMMAND));
        text.append(String.format(Locale.ROOT, "Date: %s. Machine: %d cores (%s), %s %s, Redis %s on loopback"
                        + " (own redis-server on the same machine; %s), JMH 1.37, 1 benchmark thread"
                        + " (throughput: 1 to 16)."
                        + " 1-minute load average during the runs: %s.%n",
                LocalDate.now(), BenchmarkMain.CPUS, cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), redisVersion, placement, load));
        text.append(String.format(Locale.ROOT, "Value: a CustomerProfile (9 strings, 5 numbers, 3 small lists) of %s"
                        + " bytes as the agent stores it (2-byte envelope + Kryo); miss values %d bytes."
                        + " Fork heap -Xms1g -Xmx1g; %s warmup x %s, %s measurement x %s, %s fork(s) per benchmark;"
                        + " (a) and (b), in both modes, alternate fork by fork for %d round(s) and are reported over"
                        + " the iterations of all rounds (so do the pairs below). Parts run: %s.%n%n",
                valueBytes < 0 ? "(not measured: the hit did not run)" : Integer.toString(valueBytes), missValueBytes,
                Integer.getInteger("bench.warmups", 3), System.getProperty("bench.time", "2s"),
                Integer.getInteger("bench.iterations", 5), System.getProperty("bench.time", "2s"),
                Integer.getInteger("bench.forks", 1), BenchmarkMain.ROUNDS,
                System.getProperty("bench.parts", "").isBlank() ? "all" : System.getProperty("bench.parts")));
        text.append("| benchmark | µs/op (AverageTime, ± 99.9% CI) |\n|---|---:|\n");
        for (Map.Entry<String, String> row : ROWS.entrySet()) {
            Result<?> average = find(results, row.getKey(), Mode.AverageTime);
            if (average != null) {
                text.append(String.format(Locale.ROOT, "| %s | %s ± %s |%n", row.getValue(),
                        micros(average.getScore()), micros(average.getScoreError())));
            }
        }
        Result<?> a = find(results, HIT, Mode.AverageTime);
        Result<?> b = find(results, FLOOR, Mode.AverageTime);
        if (a != null && b != null) {
            text.append(String.format(Locale.ROOT, "%nHit vs floor: a/b = %s; target 1.10 or lower.%n",
                    ratio(a, b, hitRounds, floorRounds)));
        }
        if (paired != null) {
            crossCheck(text, paired);
        }
        Result<?> hitSample = find(results, HIT, Mode.SampleTime);
        Result<?> floorSample = find(results, FLOOR, Mode.SampleTime);
        if (hitSample != null || floorSample != null) {
            text.append("\n| latency, µs (SampleTime) | p50 | p90 | p99 | p99.9 | samples |\n|---|---:|---:|---:|---:|---:|\n");
            percentiles(text, "(a) hit, agent attached", hitSample);
            percentiles(text, "(b) floor, no agent", floorSample);
        }
        text.append(lockSection);
        text.append("\nEnd-of-trial checks (Redis command counters, body runs), in run order:\n");
        for (String check : checks) {
            text.append("- ").append(check).append('\n');
        }
        return text.toString();
    }

    private static void crossCheck(StringBuilder text, ForkedJvm.Result paired) {
        double hitMean = Double.parseDouble(paired.get("hit.mean"));
        double floorMean = Double.parseDouble(paired.get("floor.mean"));
        double hitMedian = Double.parseDouble(paired.get("hit.p50"));
        double floorMedian = Double.parseDouble(paired.get("floor.p50"));
        text.append(String.format(Locale.ROOT, "Cross-check, immune to background load: in one JVM with the agent"
                        + " attached, hit and floor alternating call by call (%s pairs after 6 s of warm-up): means"
                        + " %s vs %s µs, a/b = %.2f; medians %s vs %s µs, a/b = %.2f; p99 %s vs %s µs;"
                        + " the agent's share of a hit: %+.2f µs (mean), %+.2f µs (median).%n",
                paired.get("pairs"), micros(hitMean), micros(floorMean), hitMean / floorMean, micros(hitMedian),
                micros(floorMedian), hitMedian / floorMedian, micros(Double.parseDouble(paired.get("hit.p99"))),
                micros(Double.parseDouble(paired.get("floor.p99"))), hitMean - floorMean, hitMedian - floorMedian));
    }

    /** "1.01 (0.67 to 1.47 from the error bars; round by round: 0.98, 1.05)": a over b, alternating forks. */
    static String ratio(Result<?> a, Result<?> b, List<RunResult> aRounds, List<RunResult> bRounds) {
        double low = (a.getScore() - a.getScoreError()) / (b.getScore() + b.getScoreError());
        double high = b.getScore() > b.getScoreError()
                ? (a.getScore() + a.getScoreError()) / (b.getScore() - b.getScoreError()) : Double.POSITIVE_INFINITY;
        StringBuilder perRound = new StringBuilder();
        for (int i = 0; i < Math.min(aRounds.size(), bRounds.size()); i++) {
            perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                    aRounds.get(i).getPrimaryResult().getScore() / bRounds.get(i).getPrimaryResult().getScore()));
        }
        String bounds = Double.isNaN(low) || Double.isNaN(high) ? "no error bars from so few iterations"
                : String.format(Locale.ROOT, "%.2f to %.2f from the error bars", low, high);
        return String.format(Locale.ROOT, "%.2f (%s; round by round: %s)", a.getScore() / b.getScore(), bounds, perRound);
    }

    private static void percentiles(StringBuilder text, String label, Result<?> sample) {
        if (sample == null) {
            return;
        }
        Statistics stats = sample.getStatistics();
        text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", label,
                micros(stats.getPercentile(50)), micros(stats.getPercentile(90)), micros(stats.getPercentile(99)),
                micros(stats.getPercentile(99.9)), stats.getN()));
    }

    static Result<?> find(List<RunResult> results, String benchmark, Mode mode) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().equals(PACKAGE + benchmark) && result.getParams().getMode() == mode) {
                return result.getPrimaryResult();
            }
        }
        return null;
    }

    static String micros(double value) {
        String format = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : value >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture will do
        }
        return System.getProperty("os.arch");
    }
}
