package io.rediscache.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.key.ArgumentHasher;
import io.rediscache.agent.key.UnkeyableParameterException;
import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evictions after {@code @EvictCache} methods return. A whole-cache eviction is a clear
 * ({@link CacheClears}). A per-entry eviction builds the entry's key the way each cached method
 * of the cache would for those key arguments, and leaves a tombstone there for the method's TTL,
 * so that a call that read its data before the eviction cannot store its result after it.
 *
 * <p>When the entry's key cannot be built here (no method of that cache, with as many key
 * arguments, has been loaded in this JVM; an argument without a canonical form) the whole cache
 * is cleared instead: evicting too much costs misses, too little serves stale data. When Redis
 * cannot be reached the whole cache is cleared as soon as it can (bypassed here meanwhile).
 */
final class CacheEvictions {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEvictions.class);

    private final MethodRegistry<CachedMethod> cachedMethods;
    private final CacheStore store;
    private final CacheClears clears;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    CacheEvictions(MethodRegistry<CachedMethod> cachedMethods, CacheStore store, CacheClears clears) {
        this.cachedMethods = cachedMethods;
        this.store = store;
        this.clears = clears;
    }

    void evict(EvictingMethod method, Object[] arguments) {
        Object[] key = method.keyArguments(arguments);
        for (String cacheName : method.cacheNames()) {
            if (key == null) {
                clears.clear(cacheName);
            } else {
                evictEntry(method, cacheName, key);
            }
        }
    }

    private void evictEntry(EvictingMethod evicting, String cacheName, Object[] keyArguments) {
        int[] positions = new int[keyArguments.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        boolean evicted = false;
        boolean perUser = false;
        try {
            for (int id = 0; id < cachedMethods.size(); id++) {
                CachedMethod cached = cachedMethods.get(id);
                if (cached == null || !cached.cacheName().equals(cacheName)
                        || cached.keyParameters().length != keyArguments.length) {
                    continue;
                }
                if (cached.perUser()) {
                    perUser = true; // whose entry? the key covers a user the evicting call does not name
                    continue;
                }
                long generation = store.generation(cacheName);
                store.evict(ArgumentHasher.key(cached.keyPrefix(generation), cached.identityPrefix(), keyArguments,
                        positions), cached.ttlMillis());
                evicted = true;
            }
        } catch (StoreException e) {
            clears.clearWhenReachable(cacheName);
            return;
        } catch (UnkeyableParameterException e) {
            say(evicting, cacheName, "key argument " + e.parameter() + " has no canonical form (" + e.getMessage() + ")");
            clears.clear(cacheName);
            return;
        }
        if (perUser) {
            say(evicting, cacheName, "its methods keep entries per user, and the eviction does not say whose");
            clears.clear(cacheName);
        } else if (!evicted) {
            say(evicting, cacheName, "no cached method of that cache with " + keyArguments.length
                    + " key argument(s) has been loaded in this JVM, so the entry's key cannot be built");
            clears.clear(cacheName);
        }
    }

    private void say(EvictingMethod evicting, String cacheName, String why) {
        if (warned.add(evicting.signature() + " " + cacheName)) {
            LOG.info("{} clears all of cache '{}' instead of one entry: {}.", evicting.signature(), cacheName, why);
        }
    }
}
