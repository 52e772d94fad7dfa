package io.rediscache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The programmatic cache, for code that can be edited: the same store, namespace and codec as
 * the agent's {@link RedisCache} methods, in the style of the reference API
 * ({@code frappe.cache.get_value/set_value/delete_value/delete_keys/hset/hget}).
 *
 * <pre>{@code
 * Rate rate = Cache.get("exchange_rate|EUR|USD", () -> rates.fetch("EUR", "USD"));   // loads on a miss
 * Cache.set("exchange_rate|EUR|USD", rate, Duration.ofMinutes(5));
 * Cache.delete("exchange_rate|EUR|USD");
 * Cache.deleteKeys("exchange_rate|*");                   // by pattern, never blocking Redis
 * Cache.hset("config|notifications", "email_enabled", true);
 * Boolean email = Cache.hget("config|notifications", "email_enabled");
 * Cache.setForUser("ann@example.com", "dashboard_layout", "compact");
 * Cache.clear("prices");                                 // every entry of a @RedisCache cache
 * }</pre>
 *
 * <p>Keys are namespaced automatically ({@code cache.namespace}): a value lives under
 * {@code {namespace}|#value|{key}}, a user's value under {@code {namespace}|#user|{user}|{key}},
 * a hash under {@code {namespace}|#hash|{name}}; {@link #shared()} reaches keys outside the
 * namespace. Every value and hash has a TTL ({@code cache.ttl} unless given). Values are copied
 * in and out (Kryo, as for cached methods): changing a value you got does not change the cache.
 *
 * <p>With the agent attached and {@code redis.url} set, everything is in Redis; a Redis outage
 * makes reads miss (loaders still run) and drops writes, never an exception; deletes are kept
 * and retried until Redis answers, their keys treated as absent meanwhile. Without the
 * agent, or without {@code redis.url}, the values live in this JVM only, by reference, and the
 * first call says so once (on the {@code java.util.logging} logger {@code io.rediscache.Cache}).
 */
public final class Cache {

    // operations of the backend hook; the agent's advice answers the same numbers
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
    static final int CLEAR = 11;

    private static final Logger LOG = Logger.getLogger(Cache.class.getName());
    private static final AtomicBoolean SAID_LOCAL = new AtomicBoolean();
    private static final ConcurrentMap<String, FutureTask<Object>> LOADING = new ConcurrentHashMap<>();
    private static final Scope NAMESPACED = new Scope("#value|");
    private static final Scope SHARED = new Scope("");

    private Cache() {
    }

    /** @return the value stored under {@code key}, or {@code null} on a miss */
    public static <T> T get(String key) {
        return NAMESPACED.get(key);
    }

    /**
     * @return the value stored under {@code key}; on a miss, the loader's result, stored with
     *         {@code cache.ttl}. Concurrent misses of one key in this JVM run the loader once.
     * @throws CacheLoaderException wrapping what the loader threw (nothing is stored then)
     */
    public static <T> T get(String key, Callable<? extends T> loader) {
        return NAMESPACED.get(key, null, loader);
    }

    /** As {@link #get(String, Callable)}, storing the loaded value with {@code ttl}. */
    public static <T> T get(String key, Duration ttl, Callable<? extends T> loader) {
        return NAMESPACED.get(key, ttl, loader);
    }

    /** Stores {@code value} ({@code null} included) under {@code key} with {@code cache.ttl}. */
    public static void set(String key, Object value) {
        NAMESPACED.set(key, value, null);
    }

    /** Stores {@code value} under {@code key} for {@code ttl}. */
    public static void set(String key, Object value, Duration ttl) {
        NAMESPACED.set(key, value, ttl);
    }

    /** @return how many of {@code keys} existed and were removed */
    public static long delete(String... keys) {
        return NAMESPACED.delete(keys);
    }

    /**
     * Removes every value whose key matches {@code pattern} ({@code *} any run of characters,
     * {@code ?} one character, as in Redis), walking the keyspace with {@code SCAN} in small
     * steps: never {@code KEYS}, never a long pause of Redis.
     *
     * @return how many values were removed
     */
    public static long deleteKeys(String pattern) {
        return NAMESPACED.deleteKeys(pattern);
    }

    /** @return field {@code field} of hash {@code name}, or {@code null} */
    @SuppressWarnings("unchecked")
    public static <T> T hget(String name, String field) {
        Object[] found = (Object[]) backend(HGET, "#hash|" + check("hash name", name), check("field", field), null, -1, null);
        return Boolean.TRUE.equals(found[0]) ? (T) found[1] : null;
    }

    /** As {@link #hget(String, String)}; on a miss, the loader's result, stored in the hash. */
    @SuppressWarnings("unchecked")
    public static <T> T hget(String name, String field, Callable<? extends T> loader) {
        Object[] found = (Object[]) backend(HGET, "#hash|" + check("hash name", name), check("field", field), null, -1, null);
        if (Boolean.TRUE.equals(found[0])) {
            return (T) found[1];
        }
        T loaded = load("#hash|" + name + "|" + field, loader);
        hset(name, field, loaded);
        return loaded;
    }

    /** Sets field {@code field} of hash {@code name}; the hash lives {@code cache.ttl} from its last write. */
    public static void hset(String name, String field, Object value) {
        backend(HSET, "#hash|" + check("hash name", name), check("field", field), value, -1, null);
    }

    /** @return every field of hash {@code name} (empty when there is none); a copy */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> hgetAll(String name) {
        return (Map<String, Object>) backend(HGET_ALL, "#hash|" + check("hash name", name), null, null, -1, null);
    }

    /** @return how many of {@code fields} existed and were removed */
    public static long hdel(String name, String... fields) {
        for (String field : fields) {
            check("field", field);
        }
        return (Long) backend(HDEL, "#hash|" + check("hash name", name), null, null, -1, fields.clone());
    }

    /** @return whether hash {@code name} has field {@code field} */
    public static boolean hexists(String name, String field) {
        return (Boolean) backend(HEXISTS, "#hash|" + check("hash name", name), check("field", field), null, -1, null);
    }

    /** @return the value {@code user} stored under {@code key} (visible only under that user), or {@code null} */
    public static <T> T getForUser(String user, String key) {
        return new Scope("#user|" + check("user", user) + "|").get(key);
    }

    /** Stores {@code value} under {@code key} for {@code user} only, with {@code cache.ttl}. */
    public static void setForUser(String user, String key, Object value) {
        new Scope("#user|" + check("user", user) + "|").set(key, value, null);
    }

    /** Stores {@code value} under {@code key} for {@code user} only, for {@code ttl}. */
    public static void setForUser(String user, String key, Object value, Duration ttl) {
        new Scope("#user|" + check("user", user) + "|").set(key, value, ttl);
    }

    /**
     * Keys outside the namespace (the reference API's {@code shared=True}), for values several
     * applications share: {@code Cache.shared().get("currency_list")} reads the Redis key
     * {@code currency_list} itself.
     */
    public static Scope shared() {
        return SHARED;
    }

    /**
     * Removes every entry of cache {@code cacheName} (the {@code name} of {@link RedisCache}, or
     * the {@code SimpleClassName.methodName} it defaults to), in every JVM sharing the namespace.
     * With the agent, a clear starts a new generation of the cache in Redis: it returns after one
     * round trip however many entries the cache has, no JVM reads an entry written before it
     * again, and the old entries are removed in the background without blocking Redis. When
     * Redis is unreachable the clear is not lost: this JVM bypasses the cache and retries the
     * clear every second until it lands. Without the agent there are no caches to clear.
     *
     * @throws IllegalArgumentException when {@code cacheName} is empty or contains {@code '|'}
     */
    public static void clear(String cacheName) {
        if (cacheName == null || cacheName.trim().isEmpty() || cacheName.indexOf('|') >= 0) {
            throw new IllegalArgumentException("'" + cacheName + "' is not a cache name (non-empty, without '|')");
        }
        backend(CLEAR, cacheName, null, null, -1, null);
    }

    /** Values under one key prefix: the namespace's own, a user's, or outside the namespace ({@link #shared()}). */
    public static final class Scope {
        private final String prefix;

        private Scope(String prefix) {
            this.prefix = prefix;
        }

        /** @return the value stored under {@code key}, or {@code null} on a miss */
        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            Object[] found = (Object[]) backend(GET, scoped(key), null, null, -1, null);
            return Boolean.TRUE.equals(found[0]) ? (T) found[1] : null;
        }

        /** As {@link Cache#get(String, Callable)} in this scope. */
        @SuppressWarnings("unchecked")
        public <T> T get(String key, Duration ttl, Callable<? extends T> loader) {
            String full = scoped(key);
            Object[] found = (Object[]) backend(GET, full, null, null, -1, null);
            if (Boolean.TRUE.equals(found[0])) {
                return (T) found[1];
            }
            T loaded = load(full, loader);
            // stored only if the key still holds what the lookup found: a delete meanwhile wins
            backend(SET_IF_UNCHANGED, full, null, loaded, millis(ttl), found[1]);
            return loaded;
        }

        /** Stores {@code value} under {@code key}, for {@code ttl} ({@code null}: {@code cache.ttl}). */
        public void set(String key, Object value, Duration ttl) {
            backend(SET, scoped(key), null, value, millis(ttl), null);
        }

        /** @return how many of {@code keys} existed and were removed */
        public long delete(String... keys) {
            String[] full = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                full[i] = scoped(keys[i]);
            }
            return (Long) backend(DELETE, null, null, null, -1, full);
        }

        /** As {@link Cache#deleteKeys(String)} in this scope. */
        public long deleteKeys(String pattern) {
            return (Long) backend(DELETE_KEYS, scoped(pattern), null, null, -1, null);
        }

        private String scoped(String key) {
            check("key", key);
            if (prefix.isEmpty() && key.startsWith("#")) {
                throw new IllegalArgumentException("a shared key must not start with '#' (the agent's own keys do): " + key);
            }
            return prefix + key;
        }
    }

    /** Runs {@code loader} once per key in this JVM however many threads miss together. */
    @SuppressWarnings("unchecked")
    private static <T> T load(String key, Callable<? extends T> loader) {
        FutureTask<Object> mine = new FutureTask<Object>((Callable<Object>) loader);
        FutureTask<Object> running = LOADING.putIfAbsent(key, mine);
        if (running == null) {
            running = mine;
            try {
                mine.run();
            } finally {
                LOADING.remove(key, mine);
            }
        }
        try {
            return (T) running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheLoaderException("interrupted while waiting for the loader of '" + key + "'", e);
        } catch (ExecutionException e) {
            throw new CacheLoaderException("the loader of '" + key + "' failed: " + e.getCause(), e.getCause());
        }
    }

    private static long millis(Duration ttl) {
        if (ttl == null) {
            return -1;
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a TTL must be positive: " + ttl);
        }
        return ttl.toMillis();
    }

    private static String check(String what, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " must not be null or empty");
        }
        return text;
    }

    /**
     * Replaced by the agent when it is attached with a Redis backend (its advice answers and
     * skips this body). Here: the in-process fallback, values by reference.
     *
     * @param key the key inside the namespace ({@code #value|…}, {@code #user|…|…}, {@code #hash|…}),
     *            or outside it for shared keys
     * @param ttlMillis -1 for {@code cache.ttl}
     * @param extra the keys or fields of a multi-key operation, or what a lookup found
     */
    private static Object backend(int operation, String key, String field, Object value, long ttlMillis, Object extra) {
        if (operation != CLEAR && SAID_LOCAL.compareAndSet(false, true)) {
            LOG.warning("io.rediscache.Cache: no Redis backend (the redis-cache agent is not attached, or redis.url is"
                    + " not set); values are kept in this JVM only.");
        }
        return LocalValues.INSTANCE.apply(operation, key, field, value, ttlMillis, extra);
    }
}
