package io.rediscache.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Hand-over latency of a {@code @Locked} method between two threads of one JVM with the agent
 * attached: from the end of the holder's body (its release follows) to the start of the body of
 * the thread that was waiting for the lock. In between: the release script (which publishes the
 * release), the notification reaching this JVM's subscriber thread, the waiter waking up, and
 * its acquire script.
 *
 * <p>Each hand-over: the holder takes the lock, lets the waiter call the same method, and waits
 * until the waiter is parked in the agent's wait for a release notification (its first try
 * found the lock taken); then its body ends. So these are notified hand-overs, the usual case:
 * a waiter spends nearly all its wait parked. A release that lands while the waiter is between
 * two tries is not notified (the waiter is not listening yet) and costs it a further back-off
 * pause of up to 50 ms; that can still happen here when the waiter's pause runs out just as the
 * holder releases, and the hand-overs slower than 1 ms are counted.
 *
 * <p>Not JMH (a hand-over is two threads' work, timed with {@code System.nanoTime()} from one to
 * the other). Run by {@link BenchmarkMain} through the harness's {@code ForkedJvm}; arguments:
 * warm-up seconds, measured seconds. Reports {@code RESULT name=value} lines.
 */
public final class LockHandoverProbe {

    private static final int MAX_HANDOVERS = 1_000_000;
    private static final long PARK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LockedJobs jobs = new LockedJobs();
    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private final Thread waiter = new Thread(this::waitForever, "handover-waiter");
    private volatile boolean waiterCalling;
    private volatile long releasedAt;
    private volatile long enteredAt;
    private volatile RuntimeException waiterFailure;

    private LockHandoverProbe() {
        waiter.setDaemon(true);
    }

    public static void main(String[] args) {
        ForkCheck.requireAgent();
        long warmupSeconds = Long.parseLong(args[0]);
        long seconds = Long.parseLong(args[1]);
        LockHandoverProbe probe = new LockHandoverProbe();
        probe.waiter.start();
        probe.handOverFor(TimeUnit.SECONDS.toNanos(warmupSeconds), new long[MAX_HANDOVERS]);
        long[] nanos = new long[MAX_HANDOVERS];
        int count = probe.handOverFor(TimeUnit.SECONDS.toNanos(seconds), nanos);
        long[] measured = Arrays.copyOf(nanos, count);
        Arrays.sort(measured);
        report("handovers", count);
        report("overlaps", Arrays.stream(measured).filter(n -> n <= 0).count());
        report("over1ms", Arrays.stream(measured).filter(n -> n > 1_000_000).count());
        report("mean", Arrays.stream(measured).average().orElse(0) / 1000);
        report("p50", percentile(measured, 50));
        report("p90", percentile(measured, 90));
        report("p99", percentile(measured, 99));
        report("max", measured.length == 0 ? 0.0 : measured[measured.length - 1] / 1000.0);
    }

    private int handOverFor(long durationNanos, long[] nanos) {
        int count = 0;
        long until = System.nanoTime() + durationNanos;
        while (count < nanos.length && System.nanoTime() < until) {
            nanos[count++] = handOver();
        }
        return count;
    }

    /** One hand-over from this thread to the waiter; its latency in nanoseconds. */
    private long handOver() {
        jobs.underHandoverLock(() -> {
            go.release();
            awaitWaiterParked();
            releasedAt = System.nanoTime();
        });
        done.acquireUninterruptibly();
        if (waiterFailure != null) {
            throw new IllegalStateException("the waiting thread did not get the lock", waiterFailure);
        }
        return enteredAt - releasedAt;
    }

    private void waitForever() {
        while (true) {
            go.acquireUninterruptibly();
            waiterCalling = true;
            try {
                jobs.underHandoverLock(() -> {
                    enteredAt = System.nanoTime();
                    waiterCalling = false;
                });
            } catch (RuntimeException e) {
                waiterFailure = e;
                waiterCalling = false;
            }
            done.release();
        }
    }

    /** Until the waiter sits in the agent's wait for a release notification (ReleaseNotifications.Interest.await). */
    private void awaitWaiterParked() {
        long deadline = System.nanoTime() + PARK_TIMEOUT_NANOS;
        while (!(waiterCalling && waiter.getState() == Thread.State.TIMED_WAITING && inNotificationWait())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the waiting thread never waited for the lock: "
                        + Arrays.toString(waiter.getStackTrace()));
            }
            Thread.yield();
        }
    }

    private boolean inNotificationWait() {
        for (StackTraceElement frame : waiter.getStackTrace()) {
            if (frame.getClassName().contains(".ReleaseNotifications") && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private static void report(String name, Object value) {
        String text = value instanceof Double ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(value);
        System.out.println("RESULT " + name + "=" + text);
    }
}
