package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an evicted entry's key holds for a while instead of nothing: a marker that no value
 * can be mistaken for (a value's first byte is its format version, never 0), with a random
 * part so that two evictions of one key leave different markers.
 *
 * <p>It closes the set-after-delete race of cache-aside: a call that missed stores its result
 * only if the key still holds what its lookup found ({@code SET NX} when it found nothing, a
 * compare-and-set when it found a marker). An eviction that lands while the body runs changes
 * that, so a result computed from data read before the eviction is not stored after it.
 */
public final class Tombstone {

    private static final byte[] MARK = "\0evicted:".getBytes(StandardCharsets.US_ASCII);

    private Tombstone() {
    }

    /** A new marker, different from every other one. */
    public static byte[] create() {
        byte[] tombstone = new byte[MARK.length + 16];
        System.arraycopy(MARK, 0, tombstone, 0, MARK.length);
        long random = ThreadLocalRandom.current().nextLong();
        long time = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            tombstone[MARK.length + i] = (byte) (random >>> (8 * i));
            tombstone[MARK.length + 8 + i] = (byte) (time >>> (8 * i));
        }
        return tombstone;
    }

    /** The bytes every marker starts with (a copy). */
    public static byte[] mark() {
        return MARK.clone();
    }

    /** Whether stored bytes are an eviction marker rather than a value. */
    public static boolean is(byte[] stored) {
        if (stored == null || stored.length != MARK.length + 16) {
            return false;
        }
        for (int i = 0; i < MARK.length; i++) {
            if (stored[i] != MARK[i]) {
                return false;
            }
        }
        return true;
    }
}
