package io.rediscache.it.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application the fault tests fork: {@code threads} threads call {@link FaultService#lookup}
 * on {@code keys} keys in a loop (one call per thread per millisecond or so) until told to stop,
 * while the test kills, pauses or restarts Redis.
 *
 * <p>The test steers it through a control file holding the name of the current phase (written
 * atomically by the test). The application polls it every few milliseconds, prints
 * {@code PHASE name} when a phase starts, and files every call under the phase in which the call
 * started. The phase {@code end} (or {@code maxSeconds}) stops the run; then every phase is
 * reported as {@code RESULT phase.calls=…, .exceptions, .wrong, .hits, .slowCalls (> 100 ms),
 * .worstMillis, .p50Micros, .p99Micros, .firstHitMillis} (-1: no hit in that phase; else the time
 * from the phase start to the end of the first call that was a hit), {@code .p99AddedMicros} (the
 * 99th percentile of a call's latency minus the time the method's body took in it: what the agent
 * added), {@code .bodyP99Micros} (the body's own time, for calls that ran it),
 * {@code .windowCalls} and {@code .windowHitPercent} (comma-separated, per 250 ms window of call
 * start since the phase began), followed by {@code SLOW} lines describing the first calls above
 * 100 ms, then {@code RESULT total.calls}. {@code FIRSTHIT phase} is printed as soon as a phase
 * has its first hit, so a test can wait for caching to work before it breaks Redis.
 *
 * <p>In a phase whose name starts with {@code single}, only the first caller calls; the others wait.
 *
 * <p>With {@code maxCalls}, the callers make exactly that many calls in all: they stop when it is
 * reached, and {@code end} then waits until it is (so a test can run its phases and leave the rest
 * of the budget to the last one).
 *
 * <p>Usage: {@code FaultApp controlFile threads keys maxSeconds [maxCalls]}
 */
public final class FaultApp {

    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private FaultApp() {
    }

    public static void main(String[] args) throws Exception {
        Path control = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int keys = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
        long maxCalls = args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE;
        AtomicLong tickets = new AtomicLong();
        AtomicLong callsMade = new AtomicLong();

        Map<String, Phase> phases = new LinkedHashMap<>();
        AtomicReference<Phase> current = new AtomicReference<>();
        String first = readPhase(control);
        Phase initial = new Phase(first == null || first.isEmpty() ? "start" : first);
        phases.put(initial.name, initial);
        current.set(initial);
        announce(initial);

        FaultService service = new FaultService();
        List<Thread> workers = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int t = 0; t < threads; t++) {
            boolean firstCaller = t == 0;
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    Phase phase = current.get();
                    if (firstCaller || !phase.name.startsWith("single")) {
                        if (tickets.incrementAndGet() > maxCalls) {
                            return;
                        }
                        call(service, phase, "k" + ThreadLocalRandom.current().nextInt(keys));
                        callsMade.incrementAndGet();
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "caller-" + t);
            worker.start();
            workers.add(worker);
        }

        while (System.nanoTime() < deadline) {
            String wanted = readPhase(control);
            if ("end".equals(wanted) && (maxCalls == Long.MAX_VALUE || callsMade.get() >= maxCalls)) {
                break;
            }
            if (wanted != null && !wanted.isEmpty() && !"end".equals(wanted) && !wanted.equals(current.get().name)) {
                Phase next = phases.computeIfAbsent(wanted, Phase::new);
                current.set(next);
                announce(next);
            }
            Thread.sleep(5);
        }
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        for (Phase phase : phases.values()) {
            phase.report();
        }
        System.out.println("RESULT total.calls=" + callsMade.get());
    }

    private static void call(FaultService service, Phase phase, String key) {
        long runsBefore = FaultService.bodyRunsOnThisThread();
        long bodyNanosBefore = FaultService.bodyNanosOnThisThread();
        long start = System.nanoTime();
        boolean exception = false;
        boolean wrong = false;
        try {
            String value = service.lookup(key);
            wrong = !FaultService.expected(key).equals(value);
        } catch (Throwable e) {
            exception = true;
            phase.firstException.compareAndSet(null, e.toString());
        }
        long end = System.nanoTime();
        boolean hit = !exception && FaultService.bodyRunsOnThisThread() == runsBefore;
        phase.record(start, end, FaultService.bodyNanosOnThisThread() - bodyNanosBefore, exception, wrong, hit);
    }

    private static String readPhase(Path control) throws IOException {
        try {
            return Files.readString(control, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void announce(Phase phase) {
        System.out.println("PHASE " + phase.name);
        System.out.flush();
    }

    /** What happened to the calls that started in one phase. */
    static final class Phase {
        final String name;
        final long startNanos = System.nanoTime();
        final LongAdder calls = new LongAdder();
        final LongAdder exceptions = new LongAdder();
        final LongAdder wrong = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder slowCalls = new LongAdder();
        final AtomicLong firstHitNanos = new AtomicLong(-1);
        final AtomicReference<String> firstException = new AtomicReference<>();
        private final List<String> slow = new ArrayList<>();
        private long[] latencies = new long[1024];
        private long[] added = new long[1024];
        private long[] bodies = new long[1024];
        private int size;
        private int bodySize;
        private long[] windowCalls = new long[64];
        private long[] windowHits = new long[64];

        Phase(String name) {
            this.name = name;
        }

        void record(long start, long end, long bodyNanos, boolean exception, boolean wrongValue, boolean hit) {
            long latency = end - start;
            calls.increment();
            if (exception) {
                exceptions.increment();
            }
            if (wrongValue) {
                wrong.increment();
            }
            if (latency > SLOW_NANOS) {
                slowCalls.increment();
            }
            if (hit) {
                hits.increment();
                long sincePhaseStart = Math.max(0, end - startNanos);
                if (firstHitNanos.compareAndSet(-1, sincePhaseStart)) {
                    System.out.println("FIRSTHIT " + name);
                    System.out.flush();
                }
            }
            synchronized (this) {
                if (latency > SLOW_NANOS && slow.size() < 40) {
                    slow.add(Thread.currentThread().getName() + " started at +" + TimeUnit.NANOSECONDS.toMillis(start - startNanos)
                            + " ms, took " + TimeUnit.NANOSECONDS.toMillis(latency) + " ms" + (hit ? ", a hit" : ""));
                }
                if (size == latencies.length) {
                    latencies = Arrays.copyOf(latencies, size * 2);
                    added = Arrays.copyOf(added, size * 2);
                }
                added[size] = latency - bodyNanos;
                latencies[size++] = latency;
                if (bodyNanos > 0) {
                    if (bodySize == bodies.length) {
                        bodies = Arrays.copyOf(bodies, bodySize * 2);
                    }
                    bodies[bodySize++] = bodyNanos;
                }
                int window = (int) (Math.max(0, start - startNanos) / WINDOW_NANOS);
                if (window >= windowCalls.length) {
                    windowCalls = Arrays.copyOf(windowCalls, window * 2);
                    windowHits = Arrays.copyOf(windowHits, window * 2);
                }
                windowCalls[window]++;
                if (hit) {
                    windowHits[window]++;
                }
            }
        }

        synchronized void report() {
            long[] sorted = Arrays.copyOf(latencies, size);
            Arrays.sort(sorted);
            long[] sortedAdded = Arrays.copyOf(added, size);
            Arrays.sort(sortedAdded);
            long[] sortedBodies = Arrays.copyOf(bodies, bodySize);
            Arrays.sort(sortedBodies);
            out("calls", calls.sum());
            out("exceptions", exceptions.sum());
            out("wrong", wrong.sum());
            out("hits", hits.sum());
            out("slowCalls", slowCalls.sum());
            out("worstMillis", size == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(sorted[size - 1]));
            out("p50Micros", size == 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(sorted[size / 2]));
            out("p99Micros", size == 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(sorted[percentile99(size)]));
            out("p99AddedMicros", size == 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(sortedAdded[percentile99(size)]));
            out("bodyP99Micros", bodySize == 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(sortedBodies[percentile99(bodySize)]));
            int windows = windowCalls.length;
            while (windows > 0 && windowCalls[windows - 1] == 0) {
                windows--;
            }
            StringBuilder callsPerWindow = new StringBuilder();
            StringBuilder hitPercent = new StringBuilder();
            for (int w = 0; w < windows; w++) {
                String separator = w == 0 ? "" : ",";
                callsPerWindow.append(separator).append(windowCalls[w]);
                hitPercent.append(separator).append(windowCalls[w] == 0 ? "0.0"
                        : String.format(Locale.ROOT, "%.1f", 100.0 * windowHits[w] / windowCalls[w]));
            }
            out("windowCalls", callsPerWindow);
            out("windowHitPercent", hitPercent);
            long firstHit = firstHitNanos.get();
            out("firstHitMillis", firstHit < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstHit));
            out("firstException", firstException.get() == null ? "none" : firstException.get());
            for (String call : slow) {
                System.out.println("SLOW " + name + ": " + call);
            }
        }

        private static int percentile99(int count) {
            return Math.min(count - 1, (int) (count * 0.99));
        }

        private void out(String field, Object value) {
            System.out.println("RESULT " + name + "." + field + "=" + value);
        }
    }
}
