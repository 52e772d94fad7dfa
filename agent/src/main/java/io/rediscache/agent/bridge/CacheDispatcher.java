package io.rediscache.agent.bridge;

/**
 * What the cache engine offers to advice code. Lives on the bootstrap class path so that
 * advice inlined into a class of any class loader can reach it; the implementation lives in
 * the agent's own loader and is installed into {@link CacheBridge} at start.
 *
 * <p>Implementations never throw: every failure degrades to "run the method uncached".
 */
public interface CacheDispatcher {

    /**
     * Called before the body of cached method {@code methodId} runs.
     *
     * @return {@code null} to run the body uncached, a {@link CachedValue} to skip the body and
     *     return that value, or any other object: run the body, then hand that object and the
     *     result to {@link #exit} (or, when the body throws, to {@link #thrown})
     * @param self the receiver, {@code null} for a static method
     */
    Object enter(int methodId, Class<?> declaringType, Object self, Object[] arguments);

    /**
     * Called after the body returned normally (or was skipped by a {@link CachedValue}).
     *
     * @return the value the method returns to its caller
     */
    Object exit(Object call, Object returned);

    /**
     * Called instead of {@link #exit} when the body of a pending miss threw: nothing is stored,
     * and callers waiting for this call's result run the method themselves.
     */
    void thrown(Object call);

    /**
     * {@code io.rediscache.Cache.clear(cacheName)}: removes every entry of the cache, in every JVM.
     *
     * @throws IllegalArgumentException when {@code cacheName} is not a cache name
     */
    void clear(String cacheName);

    /**
     * One operation of {@code io.rediscache.Cache}'s backend hook (its numbers, its arguments).
     *
     * @return the operation's result, or {@code null} when the agent has no Redis backend and the
     *         facade's own in-process store must answer
     */
    Object api(int operation, String key, String field, Object value, long ttlMillis, Object extra, ClassLoader loader);

    /** After evicting method {@code methodId} returned normally: evicts what it names. */
    void evict(int methodId, Object[] arguments);

    /** {@code io.rediscache.RequestCache.open()} on the calling thread. */
    void openScope();

    /** {@code RequestCache.close()} on the calling thread. */
    void closeScope();
}
