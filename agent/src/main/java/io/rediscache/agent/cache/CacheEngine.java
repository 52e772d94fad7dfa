package io.rediscache.agent.cache;

import io.rediscache.agent.bridge.CacheDispatcher;
import io.rediscache.agent.bridge.CachedValue;
import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.key.ArgumentHasher;
import io.rediscache.agent.key.UnkeyableParameterException;
import io.rediscache.agent.metrics.CacheStatistics;
import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.DecodedSlot;
import io.rediscache.agent.store.RedisStore;
import io.rediscache.agent.store.StoreException;
import io.rediscache.agent.store.StoredValue;
import io.rediscache.agent.store.Tombstone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache-aside logic behind every instrumented method: key → store → codec.
 *
 * <p>{@link #enter} builds the key and looks it up: a hit becomes a {@link CachedValue} (the
 * body is skipped), a miss a {@link PendingStore} (the body runs, then {@link #exit} stores its
 * result). Anything that goes wrong — an argument without a canonical form, Redis down, a
 * value that no longer decodes, a result that cannot be serialized — degrades to running the
 * method uncached and is logged once per method, never with a value. Exceptions thrown by the
 * method itself never reach this class: the advice skips {@link #exit} for them, so they are
 * never cached.
 *
 * <p>The key covers the cache's current generation (raised by every clear) and, for
 * {@code perUser} methods, the current user. A miss stores its result only if the key still
 * holds what the lookup found, so an eviction during the body wins ({@link PendingStore}).
 * Inside a {@code RequestCache} scope the bytes read and written are also remembered on the
 * thread ({@link RequestScope}). The engine is also what the bridge dispatches the facades'
 * calls to: clears ({@link CacheClears}), evictions ({@link CacheEvictions}) and the
 * {@code io.rediscache.Cache} operations ({@link CacheApi}).
 *
 * <p>Stampedes ({@link StampedeOptions}): concurrent misses of one key in this JVM run the body
 * once ({@link SingleFlight}: the first caller leads, the others wait for what it stored and
 * decode their own copies); optionally once across JVMs ({@link LoadingLock}); and, optionally,
 * hot keys are recomputed in the background before they expire ({@link EarlyRefresh}). A hit
 * never touches any of this, except that with early refresh its lookup also reads the TTL.
 *
 * <p>What a miss's body returned is stored by {@link ResultWriter} (with
 * {@code cache.write.async=true}, by an agent thread, with the same set-if-unchanged meaning; the
 * caller returns once it is encoded, and its flight ends when the write is done, so no caller in
 * this JVM misses meanwhile).
 */
public final class CacheEngine implements CacheDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEngine.class);

    private final MethodRegistry<CachedMethod> registry;
    private final CacheStore store;
    private final CacheClears clears;
    private final MethodRegistry<EvictingMethod> evictingMethods;
    private final CacheEvictions evictions;

    private final CacheApi api;
    private final UserProvider users;
    private final CacheStatistics statistics;
    private final SingleFlight flights;
    private final LoadingLock loadingLock;
    private final EarlyRefresh refresh;
    private final ResultWriter results;
    private final HitDecoder hits;

    /**
     * @param apiTtlMillis default TTL of {@code io.rediscache.Cache} values ({@code cache.ttl});
     *                     that API has a Redis backend only when {@code store} is a {@link RedisStore}
     * @param userProvider {@code cache.user.provider}, or {@code null}
     * @param signer signs stored values with {@code cache.signing.key}, or passes them through
     * @param stampedes single flight, the cross-JVM loading lock and early refresh, as configured
     * @param asyncWriteQueue with {@code cache.write.async=true}, {@code cache.write.async.queue}: misses'
     *                        results are stored by an agent thread ({@link AsyncWrites}); 0: by the caller
     * @param statistics counts hits, misses and the rest, published over JMX
     */
    public CacheEngine(MethodRegistry<CachedMethod> registry, MethodRegistry<EvictingMethod> evictingMethods,
                       CacheStore store, KryoCodec codec, int maxValueBytes, String namespace, long apiTtlMillis,
                       String userProvider, ValueSigner signer, StampedeOptions stampedes, int asyncWriteQueue,
                       CacheStatistics statistics) {
        this.statistics = statistics;
        this.flights = stampedes.singleFlight ? new SingleFlight(stampedes.waitMillis) : null;
        this.loadingLock = stampedes.loadingLock ? new LoadingLock(store, stampedes.waitMillis) : null;
        this.refresh = stampedes.refreshEarly ? new EarlyRefresh(stampedes.beta, flights, loadingLock) : null;
        this.users = new UserProvider(userProvider);
        this.registry = registry;
        this.store = store;
        this.hits = new HitDecoder(codec, signer);
        this.results = new ResultWriter(store, codec, signer, maxValueBytes, statistics, flights, loadingLock,
                asyncWriteQueue > 0 ? new AsyncWrites(asyncWriteQueue) : null, refresh != null);
        this.clears = new CacheClears(store, namespace);
        this.evictingMethods = evictingMethods;
        this.evictions = new CacheEvictions(registry, store, clears);
        this.api = store instanceof RedisStore
                ? new CacheApi((RedisStore) store, codec, signer, namespace, apiTtlMillis, maxValueBytes) : null;
    }

    @Override
    public Object api(int operation, String key, String field, Object value, long ttlMillis, Object extra,
                      ClassLoader loader) {
        return api == null ? null : api.apply(operation, key, field, value, ttlMillis, extra, loader);
    }

    @Override
    public void clear(String cacheName) {
        forgetScope();
        clears.clear(cacheName);
    }

    @Override
    public void openScope() {
        RequestScope.open();
    }

    @Override
    public void closeScope() {
        RequestScope.close();
    }

    private static void forgetScope() {
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.forgetAll();
        }
    }

    @Override
    public void evict(int methodId, Object[] arguments) {
        EvictingMethod method = evictingMethods.get(methodId);
        if (method == null) {
            return;
        }
        forgetScope();
        try {
            evictions.evict(method, arguments);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Agent failure while evicting after {}: {}", method.signature(), e.toString());
        }
    }

    @Override
    public Object enter(int methodId, Class<?> declaringType, Object self, Object[] arguments) {
        CachedMethod method = registry.get(methodId);
        if (method == null) {
            return null;
        }
        if (refresh != null) {
            EarlyRefresh.Pending refreshing = EarlyRefresh.pending(method);
            if (refreshing != null) {
                return new PendingStore(method, refreshing.flight.key, declaringType, refreshing.seen, false,
                        refreshing.flight);
            }
        }
        Object call = lookUp(method, declaringType, self, arguments);
        if (call == null) {
            statistics.uncached();
        } else if (call instanceof CachedValue) {
            statistics.hit();
        } else {
            statistics.miss();
        }
        return call;
    }

    /** @return a {@link CachedValue} (hit), a {@link PendingStore} (miss) or {@code null} (run uncached) */
    private Object lookUp(CachedMethod method, Class<?> declaringType, Object self, Object[] arguments) {
        if (!store.isAvailable() || clears.isPending(method.cacheName())) {
            return null;
        }
        try {
            String user = null;
            if (method.perUser()) {
                user = currentUser(method, declaringType);
                if (user == null) {
                    return null;
                }
            }
            long generation = store.generation(method.cacheName());
            String key = user == null
                    ? ArgumentHasher.key(method.keyPrefix(generation), method.identityPrefix(), arguments,
                            method.keyParameters())
                    : ArgumentHasher.key(method.keyPrefix(generation), method.identity() + "\u0000user:" + user,
                            arguments, method.keyParameters());
            long flightsEnded = flights == null ? 0 : flights.endedCount(key);
            RequestScope scope = RequestScope.current();
            byte[] stored = scope == null ? null : scope.get(key);
            StoredValue found = null;
            if (stored == null) {
                found = refresh != null ? store.getWithTtl(key) : store.getStored(key);
                stored = found == null ? null : found.bytes;
                if (scope != null && stored != null && !Tombstone.is(stored)) {
                    scope.remember(key, stored);
                }
            }
            if (stored == null || Tombstone.is(stored)) {
                return miss(method, key, declaringType, stored, flightsEnded);
            }
            Object hit = decodeHit(method, key, stored, found == null ? null : found.decoded, declaringType);
            if (refresh != null && found != null && hit instanceof CachedValue
                    && refresh.isDue(KryoCodec.computeMillis(stored), found.remainingMillis, method.ttlMillis())) {
                refresh.refresh(method, key, stored, declaringType, self, arguments);
            }
            return hit;
        } catch (UnkeyableParameterException e) {
            method.warnOnce(LOG, "unkeyable:" + e.parameter(),
                    "{} runs uncached when its {} has no canonical form for a cache key: {}. Mark the parameters"
                            + " that identify the result with @CacheKey, or pass a value type.",
                    method.signature(), method.parameterLabel(e.parameter()), e.getMessage());
            return null;
        } catch (StoreException e) {
            return null; // the circuit breaker logs outages once
        } catch (RuntimeException | LinkageError e) {
            method.warnOnce(LOG, "agent-failure", "Agent failure while looking up {}; the method runs uncached: {}",
                    method.signature(), e.toString());
            return null;
        }
    }

    /**
     * A miss of {@code key}: lead its flight (run the body; with the loading lock, first wait
     * for another JVM's load), or follow the flight in progress (wait for its value).
     *
     * @param flightsEnded {@link SingleFlight#endedCount} read before the lookup that missed
     */
    private Object miss(CachedMethod method, String key, Class<?> declaringType, byte[] seen, long flightsEnded) {
        if (flights == null) {
            return new PendingStore(method, key, declaringType, seen, false, null);
        }
        SingleFlight.Flight mine = new SingleFlight.Flight(key, Thread.currentThread());
        SingleFlight.Flight running = flights.register(mine);
        if (running != null) {
            if (running.ledByCurrentThread() && !running.bodyDone) {
                return null; // the body calls itself with the same key: waiting for itself would only time out
            }
            byte[] theirs = flights.await(running);
            Object hit = theirs == null ? null : decodeHit(method, key, theirs, null, declaringType);
            return hit instanceof CachedValue ? hit : new PendingStore(method, key, declaringType, seen, false, null);
        }
        if (loadingLock == null) {
            if (flights.endedCount(key) == flightsEnded) {
                return new PendingStore(method, key, declaringType, seen, false, mine);
            }
            // a flight that ended between this caller's lookup and its registration may have stored the value
            byte[] theirs = results.storedByOthers(key);
            Object hit = theirs == null ? null : decodeHit(method, key, theirs, null, declaringType);
            if (hit instanceof CachedValue) {
                flights.finish(mine, theirs);
                return hit;
            }
            return new PendingStore(method, key, declaringType, seen, false, mine);
        }
        try {
            byte[] theirs = loadingLock.acquireOrAwait(mine);
            if (theirs == null) {
                return new PendingStore(method, key, declaringType, seen, false, mine);
            }
            Object hit = decodeHit(method, key, theirs, null, declaringType);
            if (hit instanceof CachedValue) {
                flights.finish(mine, theirs);
                return hit;
            }
            PendingStore overwrite = (PendingStore) hit;
            overwrite.flight = mine;
            return overwrite;
        } catch (RuntimeException | LinkageError e) {
            loadingLock.release(mine);
            flights.finish(mine, null);
            throw e;
        }
    }

    /** @return the current user, or {@code null} when there is none or no provider (logged once): run uncached */
    private String currentUser(CachedMethod method, Class<?> declaringType) {
        try {
            String user = users.currentUser(declaringType);
            if (user == null) {
                method.warnOnce(LOG, "no-user", "{} (perUser) runs uncached when cache.user.provider returns null, as"
                        + " it just did: there is no user to keep the entry apart for.", method.signature());
            }
            return user;
        } catch (IllegalStateException e) {
            method.warnOnce(LOG, "no-provider", "{} (perUser) runs uncached: {}", method.signature(), e.getMessage());
            return null;
        }
    }

    /** @param slot where the value decoded from {@code stored} may be kept for later hits to copy, or {@code null} */
    private Object decodeHit(CachedMethod method, String key, byte[] stored, DecodedSlot slot, Class<?> declaringType) {
        Object value;
        try {
            value = hits.value(key, stored, declaringType.getClassLoader(), slot);
        } catch (CodecException e) {
            statistics.unreadable();
            method.warnOnce(LOG, "undecodable", "A stored value of {} (cache '{}') cannot be read back ({});"
                            + " it counts as a miss and is overwritten. Expected after a change to the result's classes.",
                    method.signature(), method.cacheName(), e.getMessage());
            return new PendingStore(method, key, declaringType, stored, true, null);
        }
        if (!method.canReturn(value, declaringType)) {
            statistics.unreadable();
            method.warnOnce(LOG, "wrong-type", "A stored value of {} (cache '{}') is a {}, which the method cannot"
                            + " return; it counts as a miss and is overwritten.",
                    method.signature(), method.cacheName(), value == null ? "null" : value.getClass().getName());
            return new PendingStore(method, key, declaringType, stored, true, null);
        }
        return new CachedValue(value);
    }

    @Override
    public Object exit(Object call, Object returned) {
        if (call instanceof CachedValue) {
            return ((CachedValue) call).value;
        }
        results.complete((PendingStore) call, returned);
        return returned;
    }

    @Override
    public void thrown(Object call) {
        if (call instanceof PendingStore) {
            results.abandon((PendingStore) call);
        }
    }
}
