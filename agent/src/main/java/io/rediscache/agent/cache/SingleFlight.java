package io.rediscache.agent.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The loads in progress in this JVM, by full Redis key, so that concurrent misses of one key
 * run the method once ({@code cache.singleflight}).
 *
 * <p>How it works: a caller that misses {@linkplain #register registers} a {@link Flight}; if
 * one is registered already, the caller follows it: it {@linkplain #await waits} (at most
 * {@code cache.singleflight.wait}) for the leader's stored bytes and decodes its own copy from
 * them. The leader {@linkplain #finish finishes} its flight when its call ends: with the bytes
 * it stored, or with {@code null} when the body threw or the result could not be stored, in
 * which case every follower runs the method itself (an exception is never shared: each caller
 * gets its own, from its own call). A follower whose wait runs out removes the flight, so a
 * leader that never finishes (a bug, a thread stuck in the body) costs the followers one
 * bounded wait, never a hang. Hits never come here: only misses and refreshes do.
 *
 * <p>A flight may end between a caller's lookup and its registration: the caller then leads a
 * new flight although the value is in the store already. Rather than look the key up a second
 * time on every miss (a third round trip), the caller reads {@linkplain #endedCount the count of
 * flights ended} (striped by key) before its lookup and again after it registered, and looks
 * up again only when the count moved. {@link #finish} counts a flight before it removes it, so a
 * caller whose registration found the old flight gone also sees the count moved; a flight
 * counted before the caller's first read had stored its value before, so the lookup saw it.
 */
final class SingleFlight {

    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<String, Flight>();
    private final long waitNanos;
    /**
     * Flights ended, in 1024 stripes by key hash (8 KiB): a moved stripe means "maybe one of this
     * key". With other keys' flights ending all the time (many threads, or asynchronous writes),
     * a stripe moves for another key about once in a thousand misses: one GET more, nothing worse.
     */
    private final AtomicLongArray ended = new AtomicLongArray(1024);

    SingleFlight(long waitMillis) {
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    /** @return {@code null} when {@code flight} is now the key's flight (the caller leads), else the flight in progress */
    Flight register(Flight flight) {
        return flights.putIfAbsent(flight.key, flight);
    }

    /**
     * Waits for {@code flight} to finish, at most {@code cache.singleflight.wait}.
     *
     * @return the bytes its leader stored, or {@code null}: the leader failed, or the wait ran
     *         out (the flight is then dropped), or the thread was interrupted (its flag is kept)
     */
    byte[] await(Flight flight) {
        try {
            if (flight.done.await(waitNanos, TimeUnit.NANOSECONDS)) {
                return flight.bytes;
            }
            flights.remove(flight.key, flight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /**
     * How many flights of keys in {@code key}'s stripe have ended so far: read before a lookup
     * and after {@link #register}, a change means a flight of this key may have stored its value
     * in between, and the lookup is worth repeating.
     */
    long endedCount(String key) {
        return ended.get(stripe(key));
    }

    private int stripe(String key) {
        return key.hashCode() & (ended.length() - 1);
    }

    /** Ends {@code flight}: waiting callers get {@code bytes} ({@code null}: they run the method themselves). */
    void finish(Flight flight, byte[] bytes) {
        if (flight.finished) {
            return;
        }
        flight.finished = true;
        flight.bytes = bytes;
        ended.incrementAndGet(stripe(flight.key)); // before the removal: see the class comment
        flights.remove(flight.key, flight);
        flight.done.countDown();
    }

    /** One load of one key: who leads it, and what it stored. */
    static final class Flight {
        final String key;
        /** The thread whose call computes the value; {@code null} for a background refresh. */
        final Thread leader;
        final CountDownLatch done = new CountDownLatch(1);
        volatile byte[] bytes;
        volatile boolean finished;
        /**
         * The leader's body returned and its result waits to be written by an agent thread
         * ({@code cache.write.async}): the leader's own next call of the key follows the flight.
         */
        volatile boolean bodyDone;
        /** The token of the cross-JVM loading lock the leader holds, or {@code null}. */
        volatile String lockToken;

        Flight(String key, Thread leader) {
            this.key = key;
            this.leader = leader;
        }

        boolean ledByCurrentThread() {
            return leader == Thread.currentThread();
        }
    }
}
