package io.rediscache.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.rediscache.it.harness.ForkedJvm;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The lock benchmarks' part of the results: (f) against its floor (g) with round trips, their
 * paired cross-check, and (h) the hand-over.
 */
final class LockResultsTable {

    static final String LOCKED = "LockedCallBenchmark.uncontended";
    static final String FLOOR = "LockFloorBenchmark.setNxPxAndCompareAndDelete";

    private LockResultsTable() {
    }

    /**
     * @param lockedRounds (f)'s result of each round, in round order
     * @param floorRounds (g)'s, likewise
     * @param figures the {@code name=value} lines the trials wrote ({@link ForkCheck#figure})
     * @param paired what {@link PairedLockProbe} reported
     * @param handover what {@link LockHandoverProbe} reported
     */
    static String render(List<RunResult> results, List<RunResult> lockedRounds, List<RunResult> floorRounds,
                         List<String> figures, ForkedJvm.Result paired, ForkedJvm.Result handover) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nLocks: an uncontended `@Locked` call of an empty method (lease 30 s)"
                + " against its floor on the same key; (f) and (g) alternate fork by fork for %d round(s) like (a) and (b)."
                + " Round trips are counted by Redis (MONITOR, commands sent by a client, not those a script runs) over"
                + " %d calls before each trial's measurement.%n%n", BenchmarkMain.ROUNDS, LockedCallBenchmark.SAMPLE_CALLS));
        text.append("| lock benchmark | µs/op (AverageTime, ± 99.9% CI) | Redis round trips per call |\n|---|---:|---:|\n");
        row(text, results, LOCKED, "(f) `@Locked` empty method, uncontended acquire + release (agent attached)",
                figure(figures, "roundTrips.locked"));
        row(text, results, FLOOR, "(g) floor: hand-written `SET NX PX` + `EVALSHA` compare-and-delete (no agent)",
                figure(figures, "roundTrips.floor"));
        Result<?> f = ResultsTable.find(results, LOCKED, Mode.AverageTime);
        Result<?> g = ResultsTable.find(results, FLOOR, Mode.AverageTime);
        if (f != null && g != null) {
            text.append(String.format(Locale.ROOT, "%nLocked vs floor: f/g = %s.%n", ResultsTable.ratio(f, g, lockedRounds,
                    floorRounds)));
        }
        double lockedMean = Double.parseDouble(paired.get("locked.mean"));
        double floorMean = Double.parseDouble(paired.get("floor.mean"));
        double lockedMedian = Double.parseDouble(paired.get("locked.p50"));
        double floorMedian = Double.parseDouble(paired.get("floor.p50"));
        text.append(String.format(Locale.ROOT, "Cross-check, immune to background load: in one JVM with the agent"
                        + " attached, the locked call and the floor alternating call by call (%s pairs after 6 s of"
                        + " warm-up): means %s vs %s µs, f/g = %.2f; medians %s vs %s µs, f/g = %.2f; p99 %s vs %s µs;"
                        + " the agent's share of a locked call: %+.2f µs (mean), %+.2f µs (median).%n",
                paired.get("pairs"), ResultsTable.micros(lockedMean), ResultsTable.micros(floorMean), lockedMean / floorMean,
                ResultsTable.micros(lockedMedian), ResultsTable.micros(floorMedian), lockedMedian / floorMedian,
                ResultsTable.micros(Double.parseDouble(paired.get("locked.p99"))),
                ResultsTable.micros(Double.parseDouble(paired.get("floor.p99"))),
                lockedMean - floorMean, lockedMedian - floorMedian));
        text.append(String.format(Locale.ROOT, "%n(h) Hand-over, two threads of one JVM with the agent attached, from the end"
                        + " of the holder's body to the start of the waiter's (release, notification, acquire), the holder"
                        + " releasing once the waiter is parked waiting for the notification: %s"
                        + " hand-overs after 3 s of warm-up; p50 %s µs, p90 %s µs, p99 %s µs, max %s µs, mean %s µs;"
                        + " %s took more than 1 ms.%n",
                handover.get("handovers"), handover.get("p50"), handover.get("p90"), handover.get("p99"),
                handover.get("max"), handover.get("mean"), handover.get("over1ms")));
        return text.toString();
    }

    private static void row(StringBuilder text, List<RunResult> results, String benchmark, String label, String roundTrips) {
        Result<?> average = ResultsTable.find(results, benchmark, Mode.AverageTime);
        if (average != null) {
            text.append(String.format(Locale.ROOT, "| %s | %s ± %s | %s |%n", label, ResultsTable.micros(average.getScore()),
                    ResultsTable.micros(average.getScoreError()), roundTrips));
        }
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
