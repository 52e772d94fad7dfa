package io.rediscache.it.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.LockTimeoutException;
import io.rediscache.LockUnavailableException;
import io.rediscache.Locked;

/**
 * The application of {@code FailoverTest}'s lock scenario: {@code threads} threads call a
 * {@code @Locked} method on 12 lock names (their keys spread over the cluster's slots) until the
 * file {@code stop} exists, each call's body taking about 2 ms and checking that no other thread
 * is inside the same lock. Every call is filed under the 250 ms window (of wall-clock time, so
 * the test can line it up with its own clock) in which it started, as: ran, refused (a
 * {@code LockUnavailableException} or {@code LockTimeoutException}: the lock failed closed), or
 * other (any other exception). Prints {@code RESULT windows=start:ran/refused/other;…},
 * {@code RESULT overlaps=n} and {@code RESULT firstOther=…}.
 *
 * <p>Usage: {@code FailoverLockApp stopFile threads}
 */
public final class FailoverLockApp {

    static final long WINDOW_MILLIS = 250;
    private static final int NAMES = 12;

    private FailoverLockApp() {
    }

    public static void main(String[] args) throws Exception {
        Path stop = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Guarded guarded = new Guarded();
        TreeMap<Long, int[]> windows = new TreeMap<>();
        List<String> others = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int t = 0; t < threads; t++) {
            final int first = t;
            Thread caller = new Thread(() -> {
                for (int i = first; !Files.exists(stop) && System.nanoTime() < deadline; i++) {
                    long started = System.currentTimeMillis();
                    int outcome;
                    try {
                        guarded.update(i % NAMES);
                        outcome = 0;
                    } catch (LockUnavailableException | LockTimeoutException e) {
                        outcome = 1;
                    } catch (RuntimeException e) {
                        outcome = 2;
                        synchronized (others) {
                            others.add(e.toString());
                        }
                    }
                    synchronized (windows) {
                        windows.computeIfAbsent(started / WINDOW_MILLIS * WINDOW_MILLIS, w -> new int[3])[outcome]++;
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        System.out.println("STARTED");
        for (Thread caller : callers) {
            caller.join();
        }
        StringBuilder text = new StringBuilder();
        for (var window : windows.entrySet()) {
            int[] counts = window.getValue();
            text.append(text.length() == 0 ? "" : ";").append(window.getKey()).append(':')
                    .append(counts[0]).append('/').append(counts[1]).append('/').append(counts[2]);
        }
        System.out.println("RESULT windows=" + text);
        System.out.println("RESULT overlaps=" + Guarded.OVERLAPS.get());
        System.out.println("RESULT firstOther=" + (others.isEmpty() ? "none" : others.get(0)));
    }

    /** Legacy code guarded by a lock per name. */
    public static final class Guarded {

        static final AtomicInteger OVERLAPS = new AtomicInteger();
        private final ConcurrentHashMap<Integer, AtomicInteger> inside = new ConcurrentHashMap<>();

        @Locked(value = "failover-{0}", waitMillis = 2_000, leaseMillis = 5_000)
        public void update(int name) {
            AtomicInteger here = inside.computeIfAbsent(name, n -> new AtomicInteger());
            if (here.incrementAndGet() > 1) {
                OVERLAPS.incrementAndGet();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                here.decrementAndGet();
            }
        }
    }
}
