package io.rediscache.agent.lock;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.rediscache.agent.DaemonThreads;

/**
 * Keeps the leases of the locks this JVM holds alive: each is renewed about every third of its
 * lease while it is held.
 *
 * <p>One daemon thread sweeps the held locks on a fixed tick and renews those that are due,
 * instead of a scheduled task per acquisition. Scheduling and cancelling a task on every locked
 * call woke the scheduler thread twice per call (a context switch each on a small machine) and
 * cost about 15 µs per uncontended call; adding to and removing from a concurrent set costs
 * nanoseconds and wakes nobody. The tick is 50 ms, or a sixth of the shortest lease seen, so a
 * lock is renewed between a third and a half of its lease after the last renewal: well before
 * it runs out, with room for a slow round trip.
 *
 * <p>A lock is marked released and leaves the sweep ({@link #stop}) before its release script
 * runs, so the sweep never renews it afterwards; a renewal already on its way when the release
 * happens finds the token gone (the scripts compare it) and is not reported as a loss.
 */
final class LeaseRenewals {

    /** Renews one lock; called on the sweeper thread. */
    interface Renewer {
        void renew(HeldLock lock);
    }

    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Set<HeldLock> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong tickNanos = new AtomicLong(MAX_TICK_NANOS);
    private final AtomicBoolean started = new AtomicBoolean();
    private final Renewer renewer;

    LeaseRenewals(Renewer renewer) {
        this.renewer = renewer;
    }

    /** Renews {@code lock} from now on, until {@link #stop}. */
    void start(HeldLock lock) {
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(3, lock.leaseMillis)) / 3;
        lock.nextRenewalNanos = System.nanoTime() + periodNanos;
        long tick = Math.max(MIN_TICK_NANOS, periodNanos / 2);
        for (long current = tickNanos.get(); tick < current; current = tickNanos.get()) {
            if (tickNanos.compareAndSet(current, tick)) {
                break;
            }
        }
        held.add(lock);
        if (!started.get() && started.compareAndSet(false, true)) {
            DaemonThreads.start("lock-renewal", new Runnable() {
                @Override
                public void run() {
                    sweepForever();
                }
            });
        }
    }

    /** Stops renewing {@code lock}: before its release (which marks it released first), or when it was lost. */
    void stop(HeldLock lock) {
        held.remove(lock);
    }

    private void sweepForever() {
        while (true) {
            LockSupport.parkNanos(this, tickNanos.get());
            long now = System.nanoTime();
            for (HeldLock lock : held) {
                if (now - lock.nextRenewalNanos >= 0 && !lock.released && !lock.lost) {
                    lock.nextRenewalNanos = now + TimeUnit.MILLISECONDS.toNanos(Math.max(3, lock.leaseMillis)) / 3;
                    try {
                        renewer.renew(lock);
                    } catch (RuntimeException e) {
                        // the renewer reports its failures; the sweep must go on for the other locks
                    }
                }
            }
        }
    }
}
