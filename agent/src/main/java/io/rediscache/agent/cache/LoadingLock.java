package io.rediscache.agent.cache;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.StoreException;
import io.rediscache.agent.store.Tombstone;

/**
 * The cross-JVM part of stampede protection ({@code cache.stampede.lock=true}): of the JVMs
 * that miss one key together, one computes the value; the others wait for it to appear in Redis.
 *
 * <p>How it works: the caller that leads its JVM's {@link SingleFlight} takes a short Redis
 * lock, {@code SET {key}|#loading token NX PX lease}, the lease being
 * {@code cache.singleflight.wait}. Taken: it looks the key up once more (another JVM may have
 * stored the value and released the lock in between) and otherwise computes. Not taken: it
 * polls, every {@value #POLL_MILLIS} ms, for the value (and for the lock, which it takes if the
 * other JVM gave up), for at most {@code cache.singleflight.wait}. Fail open: when the wait runs
 * out, or Redis fails, or the thread is interrupted, it computes without the lock; caching never
 * makes a call fail or hang. The leader releases the lock (compare-and-delete, so a lease that
 * ran out and was taken over is left alone) once its value is stored or its body threw.
 */
final class LoadingLock {

    static final long POLL_MILLIS = 20;

    private final CacheStore store;
    private final long leaseMillis;

    LoadingLock(CacheStore store, long leaseMillis) {
        this.store = store;
        this.leaseMillis = leaseMillis;
    }

    static String lockKey(String key) {
        return key + "|#loading";
    }

    /**
     * Takes the key's loading lock (its token is then set on {@code flight}), or waits for
     * another JVM's value.
     *
     * @return the bytes another JVM stored meanwhile, or {@code null}: compute the value (with
     *         the lock when {@code flight.lockToken} is set, without it when the wait ran out)
     */
    byte[] acquireOrAwait(SingleFlight.Flight flight) {
        String lockKey = lockKey(flight.key);
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        try {
            while (true) {
                if (store.tryLock(lockKey, token, leaseMillis)) {
                    byte[] now = usable(store.get(flight.key));
                    if (now != null) {
                        store.unlock(lockKey, token);
                        return now;
                    }
                    flight.lockToken = token;
                    return null;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
                byte[] now = usable(store.get(flight.key));
                if (now != null) {
                    return now;
                }
            }
        } catch (StoreException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Releases the lock {@code flight}'s leader holds, if any. */
    void release(SingleFlight.Flight flight) {
        String token = flight.lockToken;
        if (token == null) {
            return;
        }
        flight.lockToken = null;
        try {
            store.unlock(lockKey(flight.key), token);
        } catch (StoreException e) {
            // the lease runs out by itself
        }
    }

    /** Takes the lock for a refresh without waiting: {@code false} when another JVM is loading the key already. */
    boolean tryTake(SingleFlight.Flight flight) {
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
        try {
            if (store.tryLock(lockKey(flight.key), token, leaseMillis)) {
                flight.lockToken = token;
                return true;
            }
        } catch (StoreException e) {
            // a refresh is an optimisation: skip it while Redis fails
        }
        return false;
    }

    private static byte[] usable(byte[] stored) {
        return stored == null || Tombstone.is(stored) ? null : stored;
    }
}
