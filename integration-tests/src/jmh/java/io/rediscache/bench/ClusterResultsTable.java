package io.rediscache.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Part {@code cluster} of the results: (a) the hit, (c) the miss and (k″) the throughput over keys
 * in all slots, with the agent on the one server and on a Redis Cluster of three primaries, and
 * the ratio cluster / one server of each (from alternating forks, as every other pair here).
 */
final class ClusterResultsTable {

    static final String HIT = "CachedCallBenchmark.hit";
    static final String SPREAD = "SpreadThroughputBenchmark.hit";

    private ClusterResultsTable() {
    }

    /**
     * @param runs "{hit|miss|spread}-{single|cluster}" → each round's result
     * @param figures the {@code name=value} lines the trials wrote ({@link ForkCheck#figure})
     * @param placement how the one server and the benchmark JVMs were placed on the CPUs
     */
    static String render(Map<String, List<RunResult>> runs, List<String> figures, String placement) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nCluster vs one server (part cluster): the same agent, method and value"
                + " against the one redis-server above (agent setting redis.url) and against a Redis Cluster of 3"
                + " primaries with a replica each, 6 redis-server processes of the same binary on loopback (agent"
                + " setting redis.cluster.nodes; %s); nothing else differs. One server and cluster alternate fork by"
                + " fork for %d round(s); each trial's check sums Redis's command counters over the primaries (hit:"
                + " one GET per call, no SET; miss: one GET and one SET per call, every key with a TTL; (k''): one GET"
                + " per call, no SET, every primary serving some).%n%n", placement.startsWith("redis-server pinned")
                ? "all six pinned to CPU 1, like the one server" : "not pinned", BenchmarkMain.ROUNDS));
        text.append("| benchmark | one server (± 99.9% CI) | cluster, 3 primaries (± 99.9% CI) | cluster / one server |\n"
                + "|---|---:|---:|---|\n");
        row(text, "(a) remote hit, µs/call, 1 thread", runs.get("hit-single"), runs.get("hit-cluster"), false);
        row(text, "(c) miss: GET + body + encode + SET NX PX, µs/call, 1 thread", runs.get("miss-single"),
                runs.get("miss-cluster"), false);
        row(text, String.format(Locale.ROOT, "(k'') hit throughput, %d threads, %,d keys over all slots, ops/s (pool %d"
                        + " per node)", SpreadThroughputBenchmark.THREADS, SpreadThroughputBenchmark.KEYS,
                ThroughputBenchmark.POOL_SIZE), runs.get("spread-single"), runs.get("spread-cluster"), true);
        String split = figure(figures, "spread.cluster");
        if (split != null) {
            text.append(String.format(Locale.ROOT, "%nGETs per primary in the cluster's (k'') trials: %s.%n", split));
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String label, List<RunResult> single, List<RunResult> cluster,
                            boolean throughput) {
        if (single == null || cluster == null) {
            return;
        }
        Result<?> one = BenchmarkMain.merge(single).getPrimaryResult();
        Result<?> many = BenchmarkMain.merge(cluster).getPrimaryResult();
        text.append(String.format(Locale.ROOT, "| %s | %s ± %s | %s ± %s | %s |%n", label, format(one.getScore(), throughput),
                format(one.getScoreError(), throughput), format(many.getScore(), throughput),
                format(many.getScoreError(), throughput), ResultsTable.ratio(many, one, cluster, single)));
    }

    private static String format(double value, boolean throughput) {
        return throughput ? String.format(Locale.ROOT, "%,.0f", value) : ResultsTable.micros(value);
    }

    /** Each distinct value the trials recorded under {@code name}, in run order; {@code null} when none. */
    private static String figure(List<String> figures, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String line : figures) {
            if (line.startsWith(name + "=")) {
                values.add(line.substring(name.length() + 1));
            }
        }
        return values.isEmpty() ? null : String.join("; ", values);
    }
}
