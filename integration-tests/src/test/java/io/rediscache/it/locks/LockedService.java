package io.rediscache.it.locks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.Locked.OnTimeout;

import static io.rediscache.it.locks.LockApp.report;

/**
 * The "legacy" methods of the lock behaviour scenario: plain methods with {@code @Locked} only.
 * Bodies count their runs and report what they see of their own lock key from outside the
 * agent (the application's Jedis client), so the test knows the body ran while the key was there.
 */
public class LockedService {

    static final IllegalStateException FAILURE = new IllegalStateException("boom from the body");
    static final IOException CHECKED_FAILURE = new IOException("checked failure from the body");

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    private static volatile LockKeys staticKeys;

    private final LockKeys keys;
    private volatile String outerToken;

    public LockedService(LockKeys keys) {
        this.keys = keys;
        staticKeys = keys;
    }

    static int runs(String method) {
        return RUNS.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    private static void ran(String method) {
        RUNS.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    // --- release, settings ---------------------------------------------------------------------

    /** Default wait and lease: the agent's lock.wait and lock.lease. */
    @Locked("plain")
    public String work() {
        ran("work");
        report("release.inside.tokenPresent", keys.token("plain") != null);
        report("release.inside.pttl", keys.pttl("plain"));
        report("release.inside.fencePttl", keys.fencePttl("plain"));
        return "done";
    }

    @Locked(value = "leased", leaseMillis = 2000)
    public String shortLease() {
        ran("shortLease");
        report("lease.inside.pttl", keys.pttl("leased"));
        return "done";
    }

    @Locked("failing")
    public String fail() {
        ran("fail");
        report("exception.inside.tokenPresent", keys.token("failing") != null);
        throw FAILURE;
    }

    @Locked("failing")
    public void failChecked() throws IOException {
        ran("failChecked");
        throw CHECKED_FAILURE;
    }

    // --- re-entrancy ---------------------------------------------------------------------------

    @Locked(value = "reentrant", waitMillis = 2000)
    public String outer() {
        ran("outer");
        outerToken = keys.token("reentrant");
        report("reentrant.outer.tokenPresent", outerToken != null);
        String inner = inner();
        report("reentrant.afterInner.sameToken", outerToken != null && outerToken.equals(keys.token("reentrant")));
        report("reentrant.afterInner.pttl", keys.pttl("reentrant"));
        return "outer(" + inner + ")";
    }

    @Locked(value = "reentrant", waitMillis = 2000)
    public String inner() {
        ran("inner");
        report("reentrant.inner.sameToken", outerToken != null && outerToken.equals(keys.token("reentrant")));
        report("reentrant.otherThread", LockApp.thrownOnOtherThread(this::reentrantOnce));
        return "inner";
    }

    @Locked(value = "reentrant", waitMillis = 0)
    public String reentrantOnce() {
        ran("reentrantOnce");
        return "entered";
    }

    // --- name templates ------------------------------------------------------------------------

    @Locked("sku_{0}")
    public String sku(String sku) {
        ran("sku");
        return "exists=" + (keys.token("sku_" + sku) != null) + ",literalExists=" + (keys.token("sku_{0}") != null);
    }

    @Locked("order_{1}_{0}")
    public static String order(String region, int number) {
        ran("order");
        return "exists=" + (staticKeys.token("order_" + number + "_" + region) != null);
    }

    // --- waiting ---------------------------------------------------------------------------------

    @Locked(value = "busy", waitMillis = 0)
    public String busyOnce() {
        ran("busy");
        return "entered";
    }

    @Locked(value = "busy", waitMillis = 1500)
    public String busyWaiting() {
        ran("busy");
        return "entered";
    }

    /** Waits lock.wait (1 s in the scenario's configuration). */
    @Locked("busy")
    public String busyDefaultWait() {
        ran("busy");
        return "entered";
    }

    @Locked(value = "{0}", waitMillis = 4000)
    public String waitUpTo4s(String name) {
        ran(name);
        return keys.token(name);
    }

    /** Holds "handover" for holdMillis; returns System.nanoTime() at the end of the body. */
    @Locked(value = "handover", waitMillis = 4000)
    public long handover(long holdMillis, Runnable entered) {
        ran("handover");
        long enteredAt = System.nanoTime();
        entered.run();
        LockApp.sleep(holdMillis);
        return holdMillis == 0 ? enteredAt : System.nanoTime();
    }

    // --- skip ------------------------------------------------------------------------------------

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public String skipString() {
        ran("skip");
        return "ran";
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public int skipInt() {
        ran("skip");
        return 42;
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public boolean skipBoolean() {
        ran("skip");
        return true;
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public long skipLong() {
        ran("skip");
        return 42L;
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public double skipDouble() {
        ran("skip");
        return 4.2;
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public Integer skipBoxed() {
        ran("skip");
        return 42;
    }

    @Locked(value = "skipped", waitMillis = 0, onTimeout = OnTimeout.SKIP)
    public void skipVoid() {
        ran("skip");
    }

    @Locked(value = "skipped", waitMillis = 300, onTimeout = OnTimeout.SKIP)
    public static String skipStaticAfterWaiting() {
        ran("skip");
        return "ran";
    }
}
