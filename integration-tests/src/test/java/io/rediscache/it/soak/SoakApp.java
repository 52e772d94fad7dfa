package io.rediscache.it.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.rediscache.LockTimeoutException;
import io.rediscache.LockUnavailableException;

/**
 * The application of the soak run: for {@code seconds}, {@code callers} threads call
 * {@link SoakService#lookup} at a steady pace (one call per thread every {@code pauseMicros}), and
 * two threads run {@link SoakService#job} under three Redis locks, while the test injects faults.
 *
 * <p>It reports what the caller sees: {@code RESULT calls, hits, exceptions, wrong, worstMillis,
 * lockRuns, lockUnavailable, lockTimeouts, lockOther (any other exception: a defect),
 * lockOverlaps}. It measures its own footprint twice, both times while the load runs: after
 * {@code warmupSeconds} ({@code BASELINE}) and just before the load stops ({@code FINAL}), each
 * as {@code heap=} bytes used after a full GC (the least of three) and {@code threads=} live
 * threads. Every second it prints {@code SAMPLE t= calls= hits= exceptions= threads=}.
 *
 * <p>Usage: {@code SoakApp seconds warmupSeconds callers keys pauseMicros}
 */
public final class SoakApp {

    private SoakApp() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        long warmupSeconds = Long.parseLong(args[1]);
        int callers = Integer.parseInt(args[2]);
        int keys = Integer.parseInt(args[3]);
        long pauseMicros = Long.parseLong(args[4]);

        SoakService service = new SoakService();
        Counters counters = new Counters();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            workers.add(start("caller-" + t, () -> {
                long next = System.nanoTime();
                while (running.get()) {
                    call(service, "k" + ThreadLocalRandom.current().nextInt(keys), counters);
                    next += TimeUnit.MICROSECONDS.toNanos(pauseMicros);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    } else {
                        next = System.nanoTime(); // behind after a slow call: do not burst to catch up
                    }
                }
            }));
        }
        for (int t = 0; t < 2; t++) {
            workers.add(start("locker-" + t, () -> {
                while (running.get()) {
                    lock(service, ThreadLocalRandom.current().nextInt(3), counters);
                    sleepNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
            }));
        }

        long start = System.nanoTime();
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        boolean baselineTaken = false;
        long nextSample = start + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < end) {
            if (!baselineTaken && System.nanoTime() >= warmupEnd) {
                System.out.println("BASELINE " + footprint());
                baselineTaken = true;
            }
            if (System.nanoTime() >= nextSample) {
                System.out.println("SAMPLE t=" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)
                        + " calls=" + counters.calls.sum() + " hits=" + counters.hits.sum()
                        + " exceptions=" + counters.exceptions.sum() + " lockRuns=" + counters.lockRuns.sum()
                        + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount());
                nextSample += TimeUnit.SECONDS.toNanos(1);
            }
            Thread.sleep(20);
        }
        System.out.println("FINAL " + footprint());
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        counters.report();
    }

    private static void call(SoakService service, String key, Counters counters) {
        int runsBefore = SoakService.bodyRunsOnThisThread();
        long started = System.nanoTime();
        try {
            String value = service.lookup(key);
            if (!SoakService.expected(key).equals(value)) {
                counters.wrong.increment();
            } else if (SoakService.bodyRunsOnThisThread() == runsBefore) {
                counters.hits.increment();
            }
        } catch (Throwable e) {
            counters.exceptions.increment();
            counters.firstException.compareAndSet(null, e.toString());
        }
        counters.calls.increment();
        counters.worstNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
    }

    private static void lock(SoakService service, int slot, Counters counters) {
        try {
            if (!service.job(slot)) {
                counters.lockOverlaps.increment();
            }
            counters.lockRuns.increment();
        } catch (LockUnavailableException e) {
            counters.lockUnavailable.increment(); // fail closed while Redis cannot be asked: documented
        } catch (LockTimeoutException e) {
            counters.lockTimeouts.increment(); // the other locker held it for longer than the wait
        } catch (Throwable e) {
            counters.lockOther.increment();
            counters.firstException.compareAndSet(null, e.toString());
        }
    }

    /** Heap used after a full GC (the least of three tries, as one GC can run concurrently with allocation) and live threads. */
    private static String footprint() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(200);
        }
        return "heap=" + least + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder hits = new LongAdder();
        final LongAdder exceptions = new LongAdder();
        final LongAdder wrong = new LongAdder();
        final AtomicLong worstNanos = new AtomicLong();
        final LongAdder lockRuns = new LongAdder();
        final LongAdder lockUnavailable = new LongAdder();
        final LongAdder lockTimeouts = new LongAdder();
        final LongAdder lockOther = new LongAdder();
        final LongAdder lockOverlaps = new LongAdder();
        final AtomicReference<String> firstException = new AtomicReference<>();

        void report() {
            out("calls", calls.sum());
            out("hits", hits.sum());
            out("exceptions", exceptions.sum());
            out("wrong", wrong.sum());
            out("worstMillis", TimeUnit.NANOSECONDS.toMillis(worstNanos.get()));
            out("lockRuns", lockRuns.sum());
            out("lockUnavailable", lockUnavailable.sum());
            out("lockTimeouts", lockTimeouts.sum());
            out("lockOther", lockOther.sum());
            out("lockOverlaps", lockOverlaps.sum());
            out("firstException", firstException.get() == null ? "none" : firstException.get());
        }

        private static void out(String name, Object value) {
            System.out.println("RESULT " + name + "=" + value);
        }
    }
}
