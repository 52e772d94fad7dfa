package io.rediscache.agent.store;

/** Where cached bytes live: Redis, or the in-process fallback. Implementations are thread-safe. */
public interface CacheStore {

    /** @return the stored bytes, or {@code null} when the key is absent or expired */
    byte[] get(String key) throws StoreException;

    /** Stores {@code value} under {@code key}, expiring after {@code ttlMillis}. */
    void set(String key, byte[] value, long ttlMillis) throws StoreException;

    /** Whether a call is worth trying now; {@code false} while a circuit breaker is open. */
    boolean isAvailable();

    /** For logs: where the store is, never with a password. */
    String describe();
}
