package io.rediscache.agent.store;

/** Where cached bytes live: Redis, or the in-process fallback. Implementations are thread-safe. */
public interface CacheStore {

    /** @return the stored bytes, or {@code null} when the key is absent or expired */
    byte[] get(String key) throws StoreException;

    /** Stores {@code value} under {@code key}, expiring after {@code ttlMillis}. */
    void set(String key, byte[] value, long ttlMillis) throws StoreException;

    /**
     * The current generation of a cache: 0 until it is first cleared. Keys of generation
     * {@code g > 0} start with {@code {namespace}|{cache}|g{g}|}.
     */
    long generation(String cacheName) throws StoreException;

    /**
     * Clears a cache by starting a new generation: entries written under an older one are never
     * read again, in any JVM, and are removed in the background (or expire by their TTL).
     *
     * @param keyPrefix the start of every key of the cache, whatever its generation: {@code {namespace}|{cache}|}
     * @return the new generation
     */
    long clear(String cacheName, String keyPrefix) throws StoreException;

    /** Whether a call is worth trying now; {@code false} while a circuit breaker is open. */
    boolean isAvailable();

    /** For logs: where the store is, never with a password. */
    String describe();
}
