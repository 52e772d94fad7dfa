package io.rediscache.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * Part {@code cluster}, (k″): throughput of hits over {@link #KEYS} distinct keys, so that on a
 * Redis Cluster every primary serves some of them, N threads of one JVM with the agent attached
 * (pool {@link ThroughputBenchmark#POOL_SIZE}, per node on a cluster; socket timeout and pool wait
 * {@link ThroughputBenchmark#WAIT_MILLIS}). The method is (a)'s, {@code profile(id)}; the ids are
 * {@code user-00} to {@code user-sf}, as long as {@code user-42} (one of them), so each value is about
 * as large as (a)'s. Each thread walks the ids from a random place.
 *
 * <p>The trial's set-up stores every id's value (a miss where no earlier trial did) and checks
 * that a second call of each is a correct hit. Its check, from the command counters of every
 * primary ({@link CommandCounters}): one {@code GET} per call, no {@code SET}, no body run (at most
 * {@link ThroughputBenchmark#tolerated one in a thousand} calls degraded to uncached by a slow
 * reply), and every node served some of the {@code GET}s; the split between the nodes is reported.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpreadThroughputBenchmark {

    /** Distinct keys: on 3 primaries about a third each (each primary serves 5,461 of the 16,384 slots). */
    static final int KEYS = 1024;
    /** Threads of the JMH run ({@link BenchmarkMain}), as in the issue: 8. */
    static final int THREADS = 8;

    @Benchmark
    public CustomerProfile hit(Hits hits, Cursor cursor) {
        hits.calls.increment();
        return hits.service.profile(Hits.IDS[cursor.next()]);
    }

    /** {@code user-} and two base-36 digits. */
    static String id(int index) {
        String digits = Integer.toString(index, 36);
        return "user-" + (digits.length() == 1 ? "0" + digits : digits);
    }

    /** Where one thread is in the ids. */
    @State(Scope.Thread)
    public static class Cursor {
        private int position = ThreadLocalRandom.current().nextInt(KEYS);

        int next() {
            int current = position;
            position = (current + 1) % KEYS;
            return current;
        }
    }

    /** Shared by the benchmark's threads; its set-up and check run once per trial. */
    @State(Scope.Benchmark)
    public static class Hits {
        static final String[] IDS = new String[KEYS];

        static {
            for (int i = 0; i < KEYS; i++) {
                IDS[i] = id(i);
            }
        }

        final ProfileService service = new ProfileService();
        final LongAdder calls = new LongAdder();
        CommandCounters redis;
        long bodyRunsBefore;
        long[] getsBefore;
        long setsBefore;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireAgent();
            redis = CommandCounters.open();
            for (String id : IDS) {
                service.profile(id);
            }
            long runs = ProfileService.bodyRuns();
            for (String id : IDS) {
                if (!ProfileService.build(id).equals(service.profile(id))) {
                    throw new IllegalStateException("profile(" + id + ") returned a wrong value");
                }
            }
            if (ProfileService.bodyRuns() != runs) {
                throw new IllegalStateException((ProfileService.bodyRuns() - runs) + " of the " + KEYS
                        + " second calls were not hits; is Redis reachable? See the agent's log above.");
            }
            bodyRunsBefore = ProfileService.bodyRuns();
            getsBefore = redis.callsPerNode("get");
            setsBefore = redis.calls("set");
        }

        @TearDown(Level.Trial)
        public void check() {
            long calls = this.calls.sum();
            long runs = ProfileService.bodyRuns() - bodyRunsBefore; // not atomic: with threads, a lower bound
            long[] getsPerNode = redis.callsPerNode("get");
            long gets = 0;
            boolean everyNode = true;
            for (int i = 0; i < getsPerNode.length; i++) {
                getsPerNode[i] -= getsBefore[i];
                gets += getsPerNode[i];
                everyNode &= getsPerNode[i] > 0;
            }
            long sets = redis.calls("set") - setsBefore;
            String split = redis.describe(getsPerNode);
            redis.close();
            String line = String.format("%d calls over %d keys, %d GETs (%s), %d SETs, at least %d body runs", calls, KEYS,
                    gets, split, sets, runs);
            if (runs > ThroughputBenchmark.tolerated(calls) || gets < calls - ThroughputBenchmark.tolerated(calls)
                    || gets > calls || sets != 0 || !everyNode) {
                throw new IllegalStateException("the spread throughput benchmark was not all hits on every node: " + line);
            }
            ForkCheck.report(CommandCounters.cluster() ? "spread throughput hit, cluster" : "spread throughput hit, one server",
                    line);
            ForkCheck.figure(CommandCounters.cluster() ? "spread.cluster" : "spread.single", split);
        }
    }
}
