package io.rediscache.agent.cache;

import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.metrics.CacheStatistics;
import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.StoreException;
import io.rediscache.agent.store.Tombstone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of a miss, after the body returned: encodes and signs the result, stores it
 * unless an eviction got there first ({@link PendingStore}), remembers it in the request scope,
 * and ends the call's flight, handing what was stored to the callers of this JVM that waited
 * for it ({@link SingleFlight}) and releasing the cross-JVM loading lock ({@link LoadingLock}).
 * With {@code cache.write.async=true} the write goes to an agent thread ({@link AsyncWrites}),
 * and the flight ends when it is done. Failures are logged once per method and never reach the
 * caller, who always gets the body's own result.
 */
final class ResultWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResultWriter.class);
    /** What {@link #store} returns when an agent thread writes the result and ends its flight. */
    private static final byte[] WRITING = new byte[0];

    private final CacheStore store;
    private final KryoCodec codec;
    private final ValueSigner signer;
    private final int maxValueBytes;
    private final CacheStatistics statistics;
    private final SingleFlight flights;
    private final LoadingLock loadingLock;
    private final AsyncWrites writes;
    private final boolean recordComputeTime;

    /**
     * @param flights, loadingLock, writes each {@code null} when not configured
     * @param recordComputeTime whether values carry the body's run time (early refresh needs it)
     */
    ResultWriter(CacheStore store, KryoCodec codec, ValueSigner signer, int maxValueBytes, CacheStatistics statistics,
                 SingleFlight flights, LoadingLock loadingLock, AsyncWrites writes, boolean recordComputeTime) {
        this.store = store;
        this.codec = codec;
        this.signer = signer;
        this.maxValueBytes = maxValueBytes;
        this.statistics = statistics;
        this.flights = flights;
        this.loadingLock = loadingLock;
        this.writes = writes;
        this.recordComputeTime = recordComputeTime;
    }

    /** The body of {@code pending}'s call returned {@code returned}: store it and end the call's flight. */
    void complete(PendingStore pending, Object returned) {
        byte[] stored = null;
        try {
            stored = store(pending, returned);
        } finally {
            if (stored != WRITING) {
                finishFlight(pending, stored);
            }
        }
    }

    /** The body threw: nothing is stored, and the callers waiting for this call stop waiting. */
    void abandon(PendingStore pending) {
        finishFlight(pending, null);
    }

    /** @return the value another caller stored under {@code key} first, or {@code null} (evicted, or unreadable) */
    byte[] storedByOthers(String key) {
        try {
            byte[] now = store.get(key);
            return now == null || Tombstone.is(now) ? null : now;
        } catch (StoreException e) {
            return null;
        }
    }

    /** Hands what was stored (or {@code null}: nothing was) to the callers waiting for this call, and releases its lock. */
    private void finishFlight(PendingStore pending, byte[] stored) {
        SingleFlight.Flight flight = pending.flight;
        if (flight != null) {
            if (loadingLock != null) {
                loadingLock.release(flight);
            }
            flights.finish(flight, stored);
        }
    }

    /**
     * Stores the body's result.
     *
     * @return what callers waiting for this call get: its encoded result (also when it could not
     *         be stored because Redis failed or it is too large: they called at the same time); what
     *         another caller stored first (another JVM's leader); {@code null} when it could not be
     *         encoded, or an eviction during the body refused it (they then run the method
     *         themselves, after the eviction)
     */
    private byte[] store(PendingStore pending, Object returned) {
        CachedMethod method = pending.method;
        byte[] bytes = null;
        try {
            int computeMillis = !recordComputeTime ? -1
                    : (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - pending.startNanos) / 1_000_000);
            bytes = signer.seal(pending.key,
                    codec.encode(returned, pending.declaringType.getClassLoader(), computeMillis));
            if (bytes.length > maxValueBytes) {
                statistics.unstorable();
                method.warnOnce(LOG, "too-large", "A result of {} is {} bytes, more than cache.max.value.bytes={};"
                                + " such results are returned but not cached.",
                        method.signature(), bytes.length, maxValueBytes);
                return bytes;
            }
            RequestScope scope = RequestScope.current();
            if (scope != null) {
                scope.remember(pending.key, bytes);
            }
            if (writes != null && (pending.flight == null || pending.flight.leader != null)) {
                return writeLater(pending, bytes); // not a refresh: that runs in the background already
            }
            return write(pending, bytes);
        } catch (CodecException e) {
            statistics.unstorable();
            method.warnOnce(LOG, "unserializable", "A result of {} cannot be serialized ({}); such results are"
                    + " returned but not cached.", method.signature(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            method.warnOnce(LOG, "agent-failure", "Agent failure while storing a result of {}; the result is returned"
                    + " uncached: {}", method.signature(), e.toString());
        }
        return null;
    }

    /**
     * Sends an encoded result to the store, unless the key changed since the lookup.
     *
     * @return as {@link #store}
     */
    private byte[] write(PendingStore pending, byte[] bytes) {
        try {
            if (pending.overwrite) {
                store.set(pending.key, bytes, pending.method.ttlMillis());
                return bytes;
            }
            if (store.setIfUnchanged(pending.key, bytes, pending.method.ttlMillis(), pending.seen)) {
                return bytes;
            }
            return storedByOthers(pending.key);
        } catch (StoreException e) {
            return bytes; // logged once by the circuit breaker
        } catch (RuntimeException | LinkageError e) {
            pending.method.warnOnce(LOG, "agent-failure", "Agent failure while storing a result of {}; the result is"
                    + " returned uncached: {}", pending.method.signature(), e.toString());
            return null;
        }
    }

    /**
     * Hands the write to {@link AsyncWrites}; its flight (the callers waiting for this result,
     * and this thread should it ask again) ends once the write is done, so that no caller misses
     * in between. The caller returns at once.
     *
     * @return {@link #WRITING}, or the bytes, unstored, when the queue is full
     */
    private byte[] writeLater(final PendingStore pending, final byte[] bytes) {
        if (pending.flight != null) {
            pending.flight.bodyDone = true;
        }
        boolean queued = writes.submit(new Runnable() {
            @Override
            public void run() {
                byte[] stored = null;
                try {
                    stored = write(pending, bytes);
                } finally {
                    finishFlight(pending, stored);
                }
            }
        });
        if (!queued) {
            statistics.droppedWrite();
            return bytes;
        }
        return WRITING;
    }
}
