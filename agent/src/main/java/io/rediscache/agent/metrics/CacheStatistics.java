package io.rediscache.agent.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of what the cache did with each call, published over JMX as
 * {@code io.rediscache:type=CacheStatistics}.
 *
 * <p>Counting is a {@link LongAdder} increment, cheap enough for the hit path. Publishing is
 * deferred to the first counted call and done on a background thread: touching the platform
 * MBean server at agent start would initialize JMX and {@code java.util.logging} before the
 * application could configure them (application servers install their own log manager in
 * {@code main}), and a caller should not wait for JMX to start ({@link StatisticsPublication}).
 *
 * <p>Near hits are counted by the near tier itself (the store answers them before the engine
 * knows where the bytes came from) and only read here.
 */
public final class CacheStatistics implements CacheStatisticsMBean {

    static final String OBJECT_NAME = "io.rediscache:type=CacheStatistics";

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder uncachedCalls = new LongAdder();
    private final LongAdder unreadableValues = new LongAdder();
    private final LongAdder unstorableResults = new LongAdder();
    private final LongAdder droppedWrites = new LongAdder();
    private final LongSupplier nearHits;
    private final AtomicBoolean published = new AtomicBoolean();

    /** A store without a near tier: {@code NearHits} stays 0. */
    private static final LongSupplier NO_NEAR_TIER = new LongSupplier() { // not a lambda: made in premain
        @Override
        public long getAsLong() {
            return 0L;
        }
    };

    /** Statistics of a store without a near tier: {@code NearHits} stays 0. */
    public CacheStatistics() {
        this(NO_NEAR_TIER);
    }

    /** @param nearHits how many lookups the store's near tier has answered so far */
    public CacheStatistics(LongSupplier nearHits) {
        this.nearHits = nearHits;
    }

    public void hit() {
        publishOnce();
        hits.increment();
    }

    public void miss() {
        publishOnce();
        misses.increment();
    }

    public void uncached() {
        publishOnce();
        uncachedCalls.increment();
    }

    public void unreadable() {
        unreadableValues.increment();
    }

    public void unstorable() {
        unstorableResults.increment();
    }

    public void droppedWrite() {
        droppedWrites.increment();
    }

    @Override
    public long getHits() {
        return hits.sum();
    }

    @Override
    public long getNearHits() {
        return nearHits.getAsLong();
    }

    @Override
    public long getMisses() {
        return misses.sum();
    }

    @Override
    public long getUncachedCalls() {
        return uncachedCalls.sum();
    }

    @Override
    public long getUnreadableValues() {
        return unreadableValues.sum();
    }

    @Override
    public long getUnstorableResults() {
        return unstorableResults.sum();
    }

    @Override
    public long getDroppedWrites() {
        return droppedWrites.sum();
    }

    private void publishOnce() {
        if (!published.get() && published.compareAndSet(false, true)) {
            StatisticsPublication.startInBackground(this);
        }
    }
}
