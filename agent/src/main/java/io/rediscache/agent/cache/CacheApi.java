package io.rediscache.agent.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.store.KeySweeper;
import io.rediscache.agent.store.RedisApiStore;
import io.rediscache.agent.store.RedisStore;
import io.rediscache.agent.store.StoreException;
import io.rediscache.agent.store.Tombstone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of {@code io.rediscache.Cache}: the facade's operations on keys it names
 * inside the namespace ({@code #value|…}, {@code #user|…}, {@code #hash|…}) or outside it
 * (shared keys), with the agent's codec and store.
 *
 * <p>Failures follow the caching policy: a read that cannot reach Redis or decode a value is a
 * miss, a write that cannot reach Redis is dropped (both logged by the circuit breaker or once
 * here). Deletes are not dropped: they are kept and retried ({@link PendingDeletes}), and until
 * they land this JVM treats the keys as absent.
 */
final class CacheApi {

    // the operation numbers of io.rediscache.Cache's backend hook
    static final int GET = 1;
    static final int SET = 2;
    static final int SET_IF_UNCHANGED = 3;
    static final int DELETE = 4;
    static final int DELETE_KEYS = 5;
    static final int HGET = 6;
    static final int HSET = 7;
    static final int HGET_ALL = 8;
    static final int HDEL = 9;
    static final int HEXISTS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(CacheApi.class);
    private static final Object[] MISS = {Boolean.FALSE, null};

    private final RedisStore store;
    private final RedisApiStore api;
    private final KryoCodec codec;
    private final ValueSigner signer;
    private final String namespace;
    private final long defaultTtlMillis;
    private final int maxValueBytes;
    private final PendingDeletes pendingDeletes;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    CacheApi(RedisStore store, KryoCodec codec, ValueSigner signer, String namespace, long defaultTtlMillis,
             int maxValueBytes) {
        this.signer = signer;
        this.store = store;
        this.api = store.api();
        this.codec = codec;
        this.namespace = namespace;
        this.defaultTtlMillis = defaultTtlMillis;
        this.maxValueBytes = maxValueBytes;
        this.pendingDeletes = new PendingDeletes(api);
    }

    /**
     * @param key the facade's key: {@code #…} inside the namespace, anything else shared
     * @param loader the class loader values are decoded with
     */
    Object apply(int operation, String key, String field, Object value, long ttlMillis, Object extra,
                 ClassLoader loader) {
        long ttl = ttlMillis < 0 ? defaultTtlMillis : ttlMillis;
        switch (operation) {
            case GET:
                return get(redisKey(key), loader);
            case SET:
                write(redisKey(key), value, ttl, null, false, loader);
                return Boolean.TRUE;
            case SET_IF_UNCHANGED:
                write(redisKey(key), value, ttl, (byte[]) extra, true, loader);
                return Boolean.TRUE;
            case DELETE:
                return delete((String[]) extra);
            case DELETE_KEYS: // the namespace is literal in the pattern, the rest is the caller's glob
                forgetScope();
                return pendingDeletes.deleteMatching(key.startsWith("#")
                        ? KeySweeper.escapeGlob(namespace + "|") + key : key);
            case HGET:
                return hget(redisKey(key), field, loader);
            case HSET:
                hset(redisKey(key), field, value, loader);
                return Boolean.TRUE;
            case HGET_ALL:
                return hgetAll(redisKey(key), loader);
            case HDEL:
                return hdel(redisKey(key), (String[]) extra);
            case HEXISTS:
                try {
                    return api.hexists(redisKey(key), field);
                } catch (StoreException e) {
                    return Boolean.FALSE;
                }
            default:
                throw new IllegalArgumentException("operation " + operation);
        }
    }

    private String redisKey(String facadeKey) {
        return facadeKey.startsWith("#") ? namespace + "|" + facadeKey : facadeKey;
    }

    private Object[] get(String key, ClassLoader loader) {
        if (pendingDeletes.covers(key)) {
            return MISS;
        }
        RequestScope scope = RequestScope.current();
        byte[] stored = scope == null ? null : scope.get(key);
        if (stored == null) {
            try {
                stored = store.get(key);
            } catch (StoreException e) {
                return MISS;
            }
            if (scope != null && stored != null && !Tombstone.is(stored)) {
                scope.remember(key, stored);
            }
        }
        if (stored == null || Tombstone.is(stored)) {
            return new Object[] {Boolean.FALSE, stored};
        }
        try {
            return new Object[] {Boolean.TRUE, codec.decode(signer.open(key, stored), loader)};
        } catch (CodecException e) {
            warnOnce("undecodable", "A value under '" + key + "' cannot be read back (" + e.getMessage() + "); it counts as a miss.");
            return new Object[] {Boolean.FALSE, stored};
        }
    }

    private void write(String key, Object value, long ttl, byte[] seen, boolean ifUnchanged, ClassLoader loader) {
        byte[] bytes = encode(key, key, value, loader);
        if (bytes == null) {
            return;
        }
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.remember(key, bytes);
        }
        try {
            if (!ifUnchanged) {
                store.set(key, bytes, ttl);
            } else if (seen == null || Tombstone.is(seen)) {
                store.setIfUnchanged(key, bytes, ttl, seen);
            } else {
                store.set(key, bytes, ttl); // replaces an unreadable value
            }
        } catch (StoreException e) {
            // dropped: the breaker logs the outage
        }
    }

    private long delete(String[] keys) {
        long deleted = 0;
        RequestScope scope = RequestScope.current();
        for (String key : keys) {
            if (scope != null) {
                scope.forget(redisKey(key));
            }
            deleted += pendingDeletes.delete(redisKey(key), defaultTtlMillis) ? 1 : 0;
        }
        return deleted;
    }

    private Object[] hget(String key, String field, ClassLoader loader) {
        try {
            RequestScope scope = RequestScope.current();
            byte[] stored = scope == null ? null : scope.get(RequestScope.field(key, field));
            if (stored == null) {
                stored = api.hget(key, field);
                if (scope != null && stored != null) {
                    scope.remember(RequestScope.field(key, field), stored);
                }
            }
            return stored == null ? MISS
                    : new Object[] {Boolean.TRUE, codec.decode(signer.open(RequestScope.field(key, field), stored), loader)};
        } catch (StoreException e) {
            return MISS;
        } catch (CodecException e) {
            warnOnce("undecodable", "Field '" + field + "' of hash '" + key + "' cannot be read back (" + e.getMessage() + "); a miss.");
            return MISS;
        }
    }

    private void hset(String key, String field, Object value, ClassLoader loader) {
        byte[] bytes = encode(key, RequestScope.field(key, field), value, loader);
        RequestScope scope = RequestScope.current();
        if (bytes != null && scope != null) {
            scope.remember(RequestScope.field(key, field), bytes);
        }
        if (bytes != null) {
            try {
                api.hset(key, field, bytes, defaultTtlMillis);
            } catch (StoreException e) {
                // dropped: the breaker logs the outage
            }
        }
    }

    private Map<String, Object> hgetAll(String key, ClassLoader loader) {
        Map<String, Object> decoded = new HashMap<>();
        try {
            for (Map.Entry<String, byte[]> field : api.hgetAll(key).entrySet()) {
                try {
                    decoded.put(field.getKey(), codec.decode(signer.open(RequestScope.field(key, field.getKey()),
                            field.getValue()), loader));
                } catch (CodecException e) {
                    warnOnce("undecodable", "Field '" + field.getKey() + "' of hash '" + key + "' cannot be read back ("
                            + e.getMessage() + "); left out.");
                }
            }
        } catch (StoreException e) {
            // a miss: the empty hash
        }
        return decoded;
    }

    private long hdel(String key, String[] fields) {
        RequestScope scope = RequestScope.current();
        for (String field : fields) {
            if (scope != null) {
                scope.forget(RequestScope.field(key, field));
            }
        }
        try {
            return api.hdel(key, fields);
        } catch (StoreException e) {
            warnOnce("hdel", "Fields of hash '" + key + "' could not be removed: Redis is unreachable.");
            return 0;
        }
    }

    /** @param signedAs what the signature binds: the Redis key, or the hash key and field */
    private byte[] encode(String key, String signedAs, Object value, ClassLoader loader) {
        try {
            byte[] bytes = signer.seal(signedAs, codec.encode(value, loader));
            if (bytes.length > maxValueBytes) {
                warnOnce("too-large", "A value for '" + key + "' is " + bytes.length + " bytes, more than cache.max.value.bytes="
                        + maxValueBytes + "; it is not stored.");
                return null;
            }
            return bytes;
        } catch (CodecException e) {
            warnOnce("unserializable", "A value for '" + key + "' cannot be serialized (" + e.getMessage() + "); it is not stored.");
            return null;
        }
    }

    private static void forgetScope() {
        RequestScope scope = RequestScope.current();
        if (scope != null) {
            scope.forgetAll();
        }
    }

    /** One warning per kind of problem, so a hot key that cannot be stored does not flood the log. */
    private void warnOnce(String kind, String message) {
        if (warned.add(kind)) {
            LOG.warn("{} (Said once.)", message);
        }
    }
}
