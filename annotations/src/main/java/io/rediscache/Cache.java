package io.rediscache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The caches of {@link RedisCache} methods, for code that can be edited: the equivalent of the
 * reference API's {@code fn.clear_cache()}.
 *
 * <pre>{@code
 * priceRepository.save(price);
 * Cache.clear("prices");     // every entry of cache "prices", in every JVM; other caches keep theirs
 * }</pre>
 *
 * <p>With the redis-cache agent attached, a clear starts a new generation of the cache in
 * Redis: it returns after one round trip however many entries the cache has, no JVM reads an
 * entry written before it again, and the old entries are removed in the background without
 * blocking Redis. Without the agent there are no caches, and a clear does nothing (said once on
 * the {@code java.util.logging} logger {@code io.rediscache.Cache}).
 */
public final class Cache {

    private static final Logger LOG = Logger.getLogger(Cache.class.getName());
    private static final AtomicBoolean SAID_NO_AGENT = new AtomicBoolean();

    private Cache() {
    }

    /**
     * Removes every entry of cache {@code cacheName} (the {@code name} of {@link RedisCache}, or
     * the {@code SimpleClassName.methodName} it defaults to), in every JVM sharing the namespace.
     * When Redis is unreachable the clear is not lost: this JVM bypasses the cache and retries
     * the clear every second until it lands.
     *
     * @throws IllegalArgumentException when {@code cacheName} is empty or contains {@code '|'}
     */
    public static void clear(String cacheName) {
        if (cacheName == null || cacheName.trim().isEmpty() || cacheName.indexOf('|') >= 0) {
            throw new IllegalArgumentException("'" + cacheName + "' is not a cache name (non-empty, without '|')");
        }
        backendClear(cacheName);
    }

    /** Replaced by the agent when it is attached (its advice clears the cache and skips this body). */
    private static void backendClear(String cacheName) {
        if (SAID_NO_AGENT.compareAndSet(false, true)) {
            LOG.warning("io.rediscache.Cache: the redis-cache agent is not attached; there are no caches to clear.");
        }
    }
}
