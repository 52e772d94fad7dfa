package io.rediscache.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.rediscache.agent.DaemonThreads;
import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Cache.clear(name)}: a new generation of the cache in the store, so no JVM reads an
 * entry written before the clear again. A clear is never lost: when the store cannot be
 * reached, this JVM bypasses the cache (its methods run uncached, so it cannot serve what the
 * caller meant to clear) and retries the clear every second until it lands.
 */
final class CacheClears {

    private static final Logger LOG = LoggerFactory.getLogger(CacheClears.class);
    private static final long RETRY_MILLIS = 1000;

    private final CacheStore store;
    private final String namespace;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean anyPending;
    private ScheduledExecutorService retries;

    CacheClears(CacheStore store, String namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    /** Whether calls of this cache must bypass it: a clear of it has not reached the store yet. */
    boolean isPending(String cacheName) {
        return anyPending && pending.contains(cacheName);
    }

    void clear(String cacheName) {
        if (cacheName == null || cacheName.trim().isEmpty() || cacheName.indexOf('|') >= 0) {
            throw new IllegalArgumentException("Cache.clear: '" + cacheName + "' is not a cache name (non-empty,"
                    + " without '|')");
        }
        if (!tryClear(cacheName)) {
            clearWhenReachable(cacheName);
        }
    }

    /** Bypasses the cache in this JVM and clears it as soon as the store answers (an eviction that could not be done now). */
    void clearWhenReachable(String cacheName) {
        pending.add(cacheName);
        anyPending = true;
        LOG.warn("Cache '{}' could not be cleared or evicted from now: Redis is unreachable. This JVM bypasses the"
                + " cache until a clear of it succeeds; it is retried every second.", cacheName);
        scheduleRetries();
    }

    private boolean tryClear(String cacheName) {
        try {
            store.clear(cacheName, namespace + "|" + cacheName + "|");
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private synchronized void scheduleRetries() {
        if (retries != null) {
            return;
        }
        retries = DaemonThreads.every("clear-retry", RETRY_MILLIS, this::retryPending);
    }

    private void retryPending() {
        for (String cacheName : pending) {
            if (tryClear(cacheName)) {
                pending.remove(cacheName);
                LOG.info("Cache '{}' is cleared now (the clear had waited for Redis).", cacheName);
            }
        }
        anyPending = !pending.isEmpty();
    }
}
