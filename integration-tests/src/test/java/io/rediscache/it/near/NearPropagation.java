package io.rediscache.it.near;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of the near-cache propagation scenarios ({@link NearApp}'s watch lines, one server
 * or Cluster and Sentinel): a change made in JVM A reaches JVM B's near tier within
 * {@link #BOUND_MILLIS}. A watch line is {@code seen=<epoch ms> …} once B saw the change.
 */
final class NearPropagation {

    static final long BOUND_MILLIS = 1000;

    private NearPropagation() {
    }

    static void assertEvictionReached(String afterEvict, long evictMillis) {
        assertTrue(afterEvict.startsWith("seen=") && afterEvict.contains("price=2"), afterEvict);
        long delay = millis(afterEvict) - evictMillis;
        assertTrue(delay < BOUND_MILLIS, "eviction reached B after " + delay + " ms");
    }

    static void assertClearReached(String beforeClear, String afterClear, String afterClearSettled, long clearMillis) {
        assertTrue(beforeClear.startsWith("price=2 by=B"), "a near hit before the clear: " + beforeClear);
        assertTrue(afterClear.startsWith("seen=") && afterClear.contains("price=3"), afterClear);
        assertTrue(afterClearSettled.startsWith("price=3"), afterClearSettled);
        long delay = millis(afterClear) - clearMillis;
        assertTrue(delay < BOUND_MILLIS, "clear reached B after " + delay + " ms");
    }

    static void assertStoreReached(String deletedByHand, String afterStore, long storeMillis) {
        assertTrue(deletedByHand.startsWith("price=3 by=B"),
                "a delete behind the agent's back is not announced; B serves its near value: " + deletedByHand);
        assertTrue(afterStore.startsWith("seen=") && afterStore.contains("price=4 by=A"), afterStore);
        long delay = millis(afterStore) - storeMillis;
        assertTrue(delay < BOUND_MILLIS, "store reached B after " + delay + " ms");
    }

    /** The {@code at=<epoch ms>} of a line of A's. */
    static long atMillis(String line) {
        return Long.parseLong(line.replaceAll(".*at=(\\d+).*", "$1"));
    }

    /** For the summary line: the delay, or what the watch saw instead (the tests then say what failed). */
    static String delay(String watched, long from) {
        return watched.startsWith("seen=") ? Long.toString(millis(watched) - from) : "(not seen: " + watched + ")";
    }

    static long millis(String watched) {
        return Long.parseLong(watched.replaceAll(".*seen=(\\d+).*", "$1"));
    }
}
