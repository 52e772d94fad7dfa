package io.rediscache.agent.metrics;

/**
 * What {@link CacheStatistics} shows over JMX, as {@code io.rediscache:type=CacheStatistics}
 * (jconsole, VisualVM, a Prometheus JMX exporter). Counts since the JVM started, over every
 * cached method.
 */
public interface CacheStatisticsMBean {

    /** Calls answered from the cache; the method's body did not run. */
    long getHits();

    /**
     * Of the {@link #getHits() hits}, those answered from this JVM's near tier (caches with
     * {@code near = true} or {@code cache.near.enabled}), without a round trip to Redis. Each is
     * counted in both; a near value that no longer decodes counts as an unreadable value and a
     * miss instead (it is then overwritten), and is the one case counted here but not as a hit.
     */
    long getNearHits();

    /** Calls whose value was not in the cache (or not readable there): the body ran and its result was offered to the cache. */
    long getMisses();

    /** Calls that ran uncached: Redis unreachable or its circuit breaker open, a clear pending, no current user, an argument without a key. */
    long getUncachedCalls();

    /**
     * Stored values that could not be read back, each counted also as a miss and overwritten:
     * written by an older version of the result's classes (fields or types changed), a class
     * outside the allow-list, bytes that are not a value of this agent, a bad signature.
     */
    long getUnreadableValues();

    /** Results returned but not stored: larger than {@code cache.max.value.bytes}, or not serializable. */
    long getUnstorableResults();

    /**
     * Results not stored because the queue of asynchronous writes ({@code cache.write.async=true})
     * was full ({@code cache.write.async.queue}); each was returned to its caller all the same.
     */
    long getDroppedWrites();
}
