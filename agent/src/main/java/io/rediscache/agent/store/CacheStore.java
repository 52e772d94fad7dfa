package io.rediscache.agent.store;

/** Where cached bytes live: Redis, or the in-process fallback. Implementations are thread-safe. */
public interface CacheStore {

    /** @return the stored bytes, or {@code null} when the key is absent or expired */
    byte[] get(String key) throws StoreException;

    /**
     * As {@link #get}, with the entry's remaining time to live, in one round trip (for early refresh).
     *
     * @return {@code null} when the key is absent or expired
     */
    StoredValue getWithTtl(String key) throws StoreException;

    /**
     * As {@link #get}, with what the store knows besides the bytes without another round trip:
     * for bytes it will return again (the near tier), where the caller may keep the value it
     * decodes from them ({@link StoredValue#decoded}), and their remaining TTL if it knows it.
     *
     * @return {@code null} when the key is absent or expired
     */
    default StoredValue getStored(String key) throws StoreException {
        byte[] bytes = get(key);
        return bytes == null ? null : new StoredValue(bytes, -1);
    }

    /**
     * Takes a short loading lock ({@code SET NX PX}): the caller that gets it computes a missing
     * value; the others wait for the value to appear. A store that only this JVM sees always grants it.
     *
     * @return whether the lock was taken
     */
    boolean tryLock(String lockKey, String token, long leaseMillis) throws StoreException;

    /** Releases a loading lock if {@code token} still holds it (an expired lease taken over by another is left alone). */
    void unlock(String lockKey, String token) throws StoreException;

    /**
     * Stores the result of a call that missed, expiring after {@code ttlMillis}, unless the key
     * changed since the lookup: {@code seen} is what the lookup found, {@code null} for nothing
     * or a {@link Tombstone}. An eviction (or another caller's store) in between wins.
     *
     * @return whether the value was stored
     */
    boolean setIfUnchanged(String key, byte[] value, long ttlMillis, byte[] seen) throws StoreException;

    /** Stores {@code value} under {@code key} whatever the key holds (to overwrite an unreadable value). */
    void set(String key, byte[] value, long ttlMillis) throws StoreException;

    /**
     * Evicts one entry: its key holds a fresh {@link Tombstone} for {@code guardMillis}, so a
     * call that read its data before this eviction cannot store its result after it.
     */
    void evict(String key, long guardMillis) throws StoreException;

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
