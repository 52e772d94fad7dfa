package io.rediscache.it.locks;

import java.util.Arrays;

import io.rediscache.Locked;

import static io.rediscache.it.locks.LockApp.report;

/**
 * Times acquire + release of an empty {@code @Locked} method, one thread, uncontended: 2 s of
 * warm-up, then {@code seconds} measured. Reports the latencies in µs ({@code p50}, {@code p99},
 * {@code mean}) and the number of calls. The agent's {@code lock.replicas} says what is measured.
 */
public final class ReplicaCostApp {

    private ReplicaCostApp() {
    }

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            empty();
        }
        long[] nanos = new long[1_000_000];
        int n = 0;
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (n < nanos.length && System.nanoTime() < until) {
            long start = System.nanoTime();
            empty();
            nanos[n++] = System.nanoTime() - start;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        report("cost.calls", n);
        report("cost.p50Micros", sorted[n / 2] / 1000.0);
        report("cost.p99Micros", sorted[(int) (n * 0.99)] / 1000.0);
        report("cost.meanMicros", Arrays.stream(sorted).average().orElse(0) / 1000.0);
    }

    @Locked(value = "replica_cost", waitMillis = 0)
    static void empty() {
    }
}
