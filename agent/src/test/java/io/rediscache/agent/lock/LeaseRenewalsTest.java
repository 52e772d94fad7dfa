package io.rediscache.agent.lock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep renews each held lock about every third of its lease, and never one that left it. */
class LeaseRenewalsTest {

    private final Map<HeldLock, AtomicInteger> renewed = new ConcurrentHashMap<>();
    private final LeaseRenewals renewals =
            new LeaseRenewals(lock -> renewed.computeIfAbsent(lock, l -> new AtomicInteger()).incrementAndGet());

    @Test
    void aHeldLockIsRenewedAboutEveryThirdOfItsLease() throws InterruptedException {
        HeldLock lock = lock(300);
        renewals.start(lock);
        Thread.sleep(1050);
        renewals.stop(lock);

        int count = count(lock);
        // due at 100, 200, ... 1000 ms, each up to one tick (50 ms) late: 7 to 10 in 1,050 ms (5 allows for a loaded machine)
        assertTrue(count >= 5 && count <= 10, "renewals in 1,050 ms of a 300 ms lease: " + count);
    }

    @Test
    void aStoppedOrReleasedLockIsNeverRenewedAgain() throws InterruptedException {
        HeldLock stopped = lock(60);
        HeldLock released = lock(60);
        HeldLock kept = lock(60);
        renewals.start(stopped);
        renewals.start(released);
        renewals.start(kept);
        renewals.stop(stopped);
        released.released = true; // the release marks it before the sweep may see it again
        Thread.sleep(300);

        assertEquals(0, count(stopped));
        assertEquals(0, count(released));
        assertTrue(count(kept) >= 3, "the lock still held goes on being renewed: " + count(kept));
    }

    @Test
    void aShortLeaseShortensTheTick() throws InterruptedException {
        HeldLock shortLease = lock(30);
        renewals.start(shortLease);
        Thread.sleep(200);
        renewals.stop(shortLease);

        // due every 10 ms; with a 50 ms tick it would be renewed at most 4 times and expire in between
        assertTrue(count(shortLease) >= 8, "renewals of a 30 ms lease in 200 ms: " + count(shortLease));
    }

    private int count(HeldLock lock) {
        AtomicInteger count = renewed.get(lock);
        return count == null ? 0 : count.get();
    }

    private static HeldLock lock(long leaseMillis) {
        return new HeldLock("name", "name", "key", "token", 1, leaseMillis, System.nanoTime());
    }
}
