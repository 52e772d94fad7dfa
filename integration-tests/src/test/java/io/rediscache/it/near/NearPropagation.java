package io.rediscache.it.near;

import java.util.Locale;

import io.rediscache.it.harness.SteppedRun;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The propagation steps shared by the near-cache scenarios (one server, Cluster, Sentinel), run
 * once with {@link NearApp} in two JVMs, and their checks: a change made in JVM A (an eviction, a
 * clear, a store after Redis lost the entry) reaches JVM B's near tier within
 * {@link #BOUND_MILLIS}. A watch line is {@code seen=<epoch ms> …} once B saw the change.
 */
final class NearPropagation {

    /** Generous bound on invalidation reaching the other JVM (the goal is 100 ms; this machine is shared). */
    static final long BOUND_MILLIS = 1000;

    private long evictMillis;
    private String afterEvict;
    private String beforeClear;
    private long clearMillis;
    private String afterClear;
    private String afterClearSettled;
    private String deletedByHand;
    private long storeMillis;
    private String afterStore;

    private NearPropagation() {
    }

    /**
     * Runs the steps, B holding A's price 1 in its near tier to begin with; leaves the price at 4.
     *
     * @param loseTheEntry deletes the cached entry from Redis behind the agents' backs (as under {@code maxmemory})
     */
    static NearPropagation run(NearCommands a, SteppedRun jvmA, NearCommands b, SteppedRun jvmB, PriceSource price,
                               Runnable loseTheEntry) throws Exception {
        NearPropagation steps = new NearPropagation();
        // an eviction in A reaches B's near tier
        price.set("2");
        int watch = b.start(jvmB, "watch x 2");
        steps.evictMillis = atMillis(a.run(jvmA, "evict x"));
        steps.afterEvict = b.await(jvmB, watch);

        // a clear in A reaches B's near tier (B serves its near value until then)
        price.set("3");
        steps.beforeClear = b.run(jvmB, "get x");
        watch = b.start(jvmB, "watch x 3");
        steps.clearMillis = atMillis(a.run(jvmA, "clear"));
        steps.afterClear = b.await(jvmB, watch);
        // a call racing with the clear may have stored the new price under the old generation's key
        // (its entry already swept from Redis); B's next call uses the new generation
        steps.afterClearSettled = b.run(jvmB, "get x");

        // a store in A reaches B: Redis lost the entry, A stores a new value
        price.set("4");
        loseTheEntry.run();
        steps.deletedByHand = b.run(jvmB, "get x");
        watch = b.start(jvmB, "watch x 4 A");
        steps.storeMillis = System.currentTimeMillis();
        a.run(jvmA, "get x");
        steps.afterStore = b.await(jvmB, watch);
        return steps;
    }

    void assertEvictionReached() {
        assertTrue(afterEvict.startsWith("seen=") && afterEvict.contains("price=2"), afterEvict);
        long delay = millis(afterEvict) - evictMillis;
        assertTrue(delay < BOUND_MILLIS, "eviction reached B after " + delay + " ms");
    }

    void assertClearReached() {
        assertTrue(beforeClear.startsWith("price=2 by=B"), "a near hit before the clear: " + beforeClear);
        assertTrue(afterClear.startsWith("seen=") && afterClear.contains("price=3"), afterClear);
        assertTrue(afterClearSettled.startsWith("price=3"), afterClearSettled);
        long delay = millis(afterClear) - clearMillis;
        assertTrue(delay < BOUND_MILLIS, "clear reached B after " + delay + " ms");
    }

    void assertStoreReached() {
        assertTrue(deletedByHand.startsWith("price=3 by=B"),
                "a delete behind the agent's back is not announced; B serves its near value: " + deletedByHand);
        assertTrue(afterStore.startsWith("seen=") && afterStore.contains("price=4 by=A"), afterStore);
        long delay = millis(afterStore) - storeMillis;
        assertTrue(delay < BOUND_MILLIS, "store reached B after " + delay + " ms");
    }

    /** For the summary line: each delay, or what the watch saw instead (the tests then say what failed). */
    String summary() {
        return String.format(Locale.ROOT, "eviction reached B in %s ms, clear in %s ms, store in %s ms",
                delay(afterEvict, evictMillis), delay(afterClear, clearMillis), delay(afterStore, storeMillis));
    }

    /** The {@code at=<epoch ms>} of a line of A's. */
    private static long atMillis(String line) {
        return Long.parseLong(line.replaceAll(".*at=(\\d+).*", "$1"));
    }

    private static String delay(String watched, long from) {
        return watched.startsWith("seen=") ? Long.toString(millis(watched) - from) : "(not seen: " + watched + ")";
    }

    private static long millis(String watched) {
        return Long.parseLong(watched.replaceAll(".*seen=(\\d+).*", "$1"));
    }
}
