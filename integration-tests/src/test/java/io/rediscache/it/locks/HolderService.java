package io.rediscache.it.locks;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.Locks;

import static io.rediscache.it.locks.LockApp.report;

/**
 * Locked methods of the scenarios that span several JVMs: a holder whose body outlives its lease,
 * a holder that is killed, and the contenders that try the same locks from another JVM. Bodies
 * announce themselves with {@code ENTERED}/{@code BODYEND} lines (epoch milliseconds) that the
 * test watches while the JVM runs.
 */
public class HolderService {

    static final AtomicInteger RUNS = new AtomicInteger();

    private final LockKeys keys;

    public HolderService(LockKeys keys) {
        this.keys = keys;
    }

    /** Lease 600 ms, body bodyMillis (3x the lease in the test): renewal must keep the lock. */
    @Locked(value = "renewed", leaseMillis = 600)
    public void holdRenewed(long bodyMillis) {
        RUNS.incrementAndGet();
        System.out.println("ENTERED token=" + keys.token("renewed") + " at=" + System.currentTimeMillis());
        LockApp.sleep(bodyMillis);
        System.out.println("BODYEND at=" + System.currentTimeMillis());
    }

    /** Lease 2 s, a body that would run for two minutes: the test kills the JVM in it. */
    @Locked(value = "crash", leaseMillis = 2000)
    public void holdUntilKilled() {
        RUNS.incrementAndGet();
        System.out.println("ENTERED token=" + keys.token("crash") + " at=" + System.currentTimeMillis());
        LockApp.sleep(120_000);
        System.out.println("BODYEND at=" + System.currentTimeMillis());
    }

    /**
     * Lease 1 s; the body waits for the go file (the test pauses the JVM meanwhile), then writes to
     * the fenced resource with its fencing token.
     */
    @Locked(value = "paused", leaseMillis = 1000)
    public void holdThroughPause(Path go, String resourceKey) throws InterruptedException {
        RUNS.incrementAndGet();
        long fence = Locks.fencingToken();
        System.out.println("ENTERED token=" + keys.token("paused") + " fence=" + fence);
        LockApp.awaitFile(go);
        report("paused.write", FencedResource.write(keys.redis(), resourceKey, fence, "paused holder"));
        report("paused.tokenAtBodyEnd", keys.token("paused"));
    }

    /** Waits up to 5 s for "paused", writes to the fenced resource, then holds the lock until the go file. */
    @Locked(value = "paused", waitMillis = 5000)
    public void takeOver(Path go, String resourceKey) throws InterruptedException {
        RUNS.incrementAndGet();
        long fence = Locks.fencingToken();
        String write = FencedResource.write(keys.redis(), resourceKey, fence, "new holder");
        System.out.println("ENTERED token=" + keys.token("paused") + " fence=" + fence + " write=" + write
                + " at=" + System.currentTimeMillis());
        LockApp.awaitFile(go);
    }

    @Locked(value = "{0}", waitMillis = 0)
    public String tryOnce(String name) {
        RUNS.incrementAndGet();
        return "entered";
    }

    @Locked(value = "{0}", waitMillis = 10_000)
    public String waitUpTo10s(String name) {
        RUNS.incrementAndGet();
        report(name + ".enteredAt", System.currentTimeMillis());
        report(name + ".token", keys.token(name));
        return "entered";
    }

    /** Waits the lease of "crash" (2 s) plus one second. */
    @Locked(value = "{0}", waitMillis = 3000)
    public String waitLeasePlusOne(String name) {
        RUNS.incrementAndGet();
        report(name + ".enteredAt", System.currentTimeMillis());
        report(name + ".token", keys.token(name));
        return "entered";
    }

    /** Holds "relay" for {@code holdMillis}; returns {@code "<entered> <bodyEnd>"} in wall-clock µs. */
    @Locked(value = "relay", waitMillis = 10_000)
    public String relay(long holdMillis) {
        RUNS.incrementAndGet();
        long entered = micros();
        LockApp.sleep(holdMillis);
        return entered + " " + micros();
    }

    /** Wall-clock microseconds: the same clock in every JVM of the machine. */
    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Default wait (lock.wait, 0 s in the fault scenarios). */
    @Locked("guarded")
    public String guarded() {
        RUNS.incrementAndGet();
        return "ran";
    }

    @Locked(value = "guarded", waitMillis = 0)
    public String guardedTryOnce() {
        RUNS.incrementAndGet();
        return "ran";
    }
}
