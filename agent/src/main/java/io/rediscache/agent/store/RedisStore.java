package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis cache store: {@code GET} and {@code SET … PX} over the shared
 * {@link RedisConnection}, behind a {@link CircuitBreaker}; cache clears by generation
 * ({@link GenerationTracker}, {@link KeySweeper}). A failure is thrown as
 * {@link StoreException} for the caller to degrade (the cached method then runs uncached); Jedis
 * discards a broken connection from the pool itself, so a restarted Redis is used again without
 * any reconnect logic here.
 */
public final class RedisStore implements CacheStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final StoreException BREAKER_OPEN =
            new StoreException("Redis is skipped while the circuit breaker is open", null);

    /**
     * Raises a cache's generation and announces it, in one round trip. The generation is
     * {@code max(last + 1, Redis time in ms)}: strictly increasing, and still increasing should
     * the generation key ever have expired.
     */
    private static final LuaScript NEW_GENERATION = new LuaScript(
            "if redis.replicate_commands then redis.replicate_commands() end\n" // Redis < 5: TIME before a write
            + "local now = redis.call('TIME')\n"
            + "local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)\n"
            + "local generation = math.max(tonumber(redis.call('GET', KEYS[1]) or '0') + 1, millis)\n"
            + "local text = string.format('%.0f', generation)\n"
            + "redis.call('SET', KEYS[1], text, 'PX', ARGV[1])\n"
            + "redis.call('PUBLISH', ARGV[2], text .. ' ' .. ARGV[3])\n"
            + "return text");
    /** Replaces an eviction marker with a value, only if the key still holds that very marker. */
    private static final LuaScript REPLACE_TOMBSTONE = new LuaScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
            + "  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0");
    /** A value and its remaining TTL in one round trip; nil when the key is absent. */
    private static final LuaScript GET_WITH_TTL = new LuaScript(
            "local value = redis.call('GET', KEYS[1])\n"
            + "if not value then return false end\n"
            + "return {value, redis.call('PTTL', KEYS[1])}");
    /** Releases a loading lock only if it still holds this caller's token. */
    private static final LuaScript UNLOCK = new LuaScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
            + "return 0");
    /**
     * The writes of a near cache's key: each announces the key on the near channel in the same
     * round trip ({@link NearCache}), and only when it wrote. ARGV: value, TTL in ms, channel,
     * announcement (and for {@code REPLACE…}, the tombstone expected first).
     */
    private static final LuaScript SET_AND_ANNOUNCE = new LuaScript(
            "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "redis.call('PUBLISH', ARGV[3], ARGV[4])\n"
            + "return 1");
    private static final LuaScript SET_NX_AND_ANNOUNCE = new LuaScript(
            "if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then\n"
            + "  redis.call('PUBLISH', ARGV[3], ARGV[4])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0");
    private static final LuaScript REPLACE_TOMBSTONE_AND_ANNOUNCE = new LuaScript(
            "if redis.call('GET', KEYS[1]) == ARGV[5] then\n"
            + "  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "  redis.call('PUBLISH', ARGV[3], ARGV[4])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0");
    private static final String GENERATION_TTL_MILLIS = Long.toString(TimeUnit.DAYS.toMillis(400));

    private final RedisConnection connection;
    private final CircuitBreaker breaker;
    private final MemoryPolicyCheck memory;
    private final String namespace;
    private final GenerationTracker generations;
    private final KeySweeper sweeper;
    private final NearCache near;

    private RedisStore(RedisConnection connection, CircuitBreaker breaker, MemoryPolicyCheck memory, String namespace,
                       NearCache near) {
        this.connection = connection;
        this.breaker = breaker;
        this.memory = memory;
        this.namespace = namespace;
        this.near = near;
        this.generations = new GenerationTracker(connection, generationChannel(), near);
        this.sweeper = new KeySweeper(connection);
    }

    /**
     * Connects in the background (returns at once, so an unreachable Redis never delays JVM
     * start), then starts the subscriber of cache clears ({@link GenerationTracker}) and probes
     * Redis once ({@link StartupProbe}) on that background thread: like the client, they load
     * Jedis's classes, which must not load on the thread that starts the JVM. Until the client
     * exists, calls wait for it as {@link RedisConnection#client()} says (and a first cached call
     * starts the subscriber itself, should it come first).
     */
    public static RedisStore connectInBackground(AgentConfig config) {
        String description = config.redisTopology().toString();
        PoolExhaustion exhaustion = new PoolExhaustion(config);
        final CircuitBreaker breaker = new CircuitBreaker(description, exhaustion,
                config.count(Setting.REDIS_BREAKER_FAILURES), config.millis(Setting.REDIS_BREAKER_COOLDOWN));
        final MemoryPolicyCheck memory = new MemoryPolicyCheck(description);
        final RedisConnection connection = new RedisConnection(config, exhaustion);
        final NearCache near = new NearCache(config.text(Setting.CACHE_NAMESPACE),
                config.count(Setting.CACHE_NEAR_MAX_BYTES), config.millis(Setting.CACHE_NEAR_TTL));
        breaker.listen(new CircuitBreaker.Listener() {
            @Override
            public void opened() {
                near.flush(); // writes by others may not reach this JVM now; near entries are dropped, never trusted
                connection.dropIdleConnections(); // after a crash they are all dead; the probe must not pick one
            }

            @Override
            public void closed() {
                memory.recheckInBackground(connection); // the server that answers again may be another one
            }
        });
        final RedisStore store = new RedisStore(connection, breaker, memory, config.text(Setting.CACHE_NAMESPACE), near);
        connection.connectInBackground(new RedisConnection.ClientListener() {
            @Override
            public void buildFinished(RedisConnection ready, UnifiedJedis client) {
                store.generations.start(); // after the build, which callers wait for; the subscriber waits for it too
                if (client != null) {
                    StartupProbe.run(ready, client, breaker, memory);
                }
            }
        });
        return store;
    }

    /** The key and hash commands of {@code io.rediscache.Cache}, on this store's connection and breaker. */
    public RedisApiStore api() {
        return new RedisApiStore(connection, breaker, memory, sweeper);
    }

    /** The near tier of the caches that enable it ({@code cache.near.enabled}). */
    public NearCache near() {
        return near;
    }

    /** The connection, shared with the locks. */
    public RedisConnection connection() {
        return connection;
    }

    @Override
    public byte[] get(String key) throws StoreException {
        if (near.covers(key)) {
            StoredValue value = nearOrRedis(key);
            return value == null ? null : value.bytes;
        }
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        UnifiedJedis client = connection.client();
        try {
            byte[] value = client.get(key.getBytes(StandardCharsets.UTF_8));
            breaker.onSuccess(permit);
            return value;
        } catch (RuntimeException e) {
            breaker.onFailure(permit, e);
            throw new StoreException("GET failed", e);
        }
    }

    @Override
    public StoredValue getWithTtl(String key) throws StoreException {
        return near.covers(key) ? nearOrRedis(key) : redisGetWithTtl(key);
    }

    @Override
    public StoredValue getStored(String key) throws StoreException {
        return near.covers(key) ? nearOrRedis(key) : CacheStore.super.getStored(key);
    }

    /** A near cache's read: the near tier, else Redis (a value found there is kept near for its remaining TTL). */
    private StoredValue nearOrRedis(String key) throws StoreException {
        StoredValue kept = near.get(key);
        if (kept != null) {
            return kept;
        }
        NearCache.Ticket ticket = near.ticket(key);
        StoredValue read = redisGetWithTtl(key);
        if (read != null && !Tombstone.is(read.bytes)) {
            near.keep(key, read.bytes, read.remainingMillis, ticket);
        }
        return read;
    }

    private StoredValue redisGetWithTtl(String key) throws StoreException {
        long permit = admit();
        UnifiedJedis client = connection.client();
        try {
            Object reply = GET_WITH_TTL.evalBinary(client,
                    Collections.singletonList(key.getBytes(StandardCharsets.UTF_8)), Collections.<byte[]>emptyList());
            breaker.onSuccess(permit);
            if (!(reply instanceof List)) {
                return null;
            }
            List<?> parts = (List<?>) reply;
            return new StoredValue((byte[]) parts.get(0), (Long) parts.get(1));
        } catch (RuntimeException e) {
            breaker.onFailure(permit, e);
            throw new StoreException("GET with PTTL failed", e);
        }
    }

    @Override
    public boolean tryLock(String lockKey, String token, long leaseMillis) throws StoreException {
        long permit = admit();
        try {
            boolean taken = "OK".equals(connection.client().set(lockKey, token, SetParams.setParams().px(leaseMillis).nx()));
            breaker.onSuccess(permit);
            return taken;
        } catch (RuntimeException e) {
            breaker.onFailure(permit, e);
            throw new StoreException("SET NX of a loading lock failed", e);
        }
    }

    @Override
    public void unlock(String lockKey, String token) throws StoreException {
        long permit = admit();
        try {
            UNLOCK.eval(connection.client(), Collections.singletonList(lockKey), Collections.singletonList(token));
            breaker.onSuccess(permit);
        } catch (RuntimeException e) {
            breaker.onFailure(permit, e);
            throw new StoreException("the loading lock could not be released", e);
        }
    }

    @Override
    public boolean setIfUnchanged(String key, byte[] value, long ttlMillis, byte[] seen) throws StoreException {
        long permit = admit();
        UnifiedJedis client = connection.client();
        try {
            byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
            boolean stored;
            if (near.covers(key)) {
                near.forget(key);
                NearCache.Ticket ticket = near.ticket(key);
                List<byte[]> arguments = new java.util.ArrayList<byte[]>(announced(key, value, ttlMillis));
                if (seen != null) {
                    arguments.add(seen);
                }
                stored = Long.valueOf(1).equals((seen == null ? SET_NX_AND_ANNOUNCE : REPLACE_TOMBSTONE_AND_ANNOUNCE)
                        .evalBinary(client, Collections.singletonList(rawKey), arguments));
                breaker.onSuccess(permit);
                if (stored) {
                    near.keep(key, value, ttlMillis, ticket);
                }
                return stored;
            }
            if (seen == null) {
                stored = "OK".equals(client.set(rawKey, value, SetParams.setParams().px(ttlMillis).nx()));
            } else {
                stored = Long.valueOf(1).equals(REPLACE_TOMBSTONE.evalBinary(client, Collections.singletonList(rawKey),
                        Arrays.asList(seen, value, Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII))));
            }
            breaker.onSuccess(permit);
            return stored;
        } catch (RuntimeException e) {
            throw failure(breaker, memory, "SET", permit, e);
        }
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) throws StoreException {
        long permit = admit();
        UnifiedJedis client = connection.client();
        try {
            if (near.covers(key)) {
                near.forget(key);
                NearCache.Ticket ticket = near.ticket(key);
                SET_AND_ANNOUNCE.evalBinary(client, Collections.singletonList(key.getBytes(StandardCharsets.UTF_8)),
                        announced(key, value, ttlMillis));
                breaker.onSuccess(permit);
                if (!Tombstone.is(value)) {
                    near.keep(key, value, ttlMillis, ticket);
                }
                return;
            }
            client.set(key.getBytes(StandardCharsets.UTF_8), value, SetParams.setParams().px(ttlMillis));
            breaker.onSuccess(permit);
        } catch (RuntimeException e) {
            throw failure(breaker, memory, "SET", permit, e);
        }
    }

    /** The arguments of the announcing writes: value, TTL, channel, announcement. */
    private List<byte[]> announced(String key, byte[] value, long ttlMillis) {
        return Arrays.asList(value, Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII),
                near.channel().getBytes(StandardCharsets.UTF_8), near.announcement(key));
    }

    @Override
    public void evict(String key, long guardMillis) throws StoreException {
        set(key, Tombstone.create(), guardMillis);
    }

    /**
     * What a failed command means: a write refused because Redis is full ({@code OOM}) is said
     * once and counts as an answer (the server is there and serves reads); anything else is a
     * failure for the circuit breaker.
     */
    static StoreException failure(CircuitBreaker breaker, MemoryPolicyCheck memory, String command, long permit,
                                  RuntimeException e) {
        if (MemoryPolicyCheck.isOutOfMemory(e)) {
            breaker.onSuccess(permit);
            memory.onRefusedWrite();
            return new StoreException(command + " refused: Redis is out of memory", e);
        }
        breaker.onFailure(permit, e);
        return new StoreException(command + " failed", e);
    }

    private long admit() throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        return permit;
    }

    @Override
    public long generation(String cacheName) throws StoreException {
        long remembered = generations.remembered(cacheName);
        if (remembered >= 0) {
            return remembered;
        }
        long epoch = generations.epochBeforeRead();
        byte[] stored = get(generationKey(cacheName));
        long generation = stored == null ? 0 : Long.parseLong(new String(stored, StandardCharsets.US_ASCII));
        generations.remember(cacheName, generation, epoch);
        return generation;
    }

    @Override
    public long clear(String cacheName, String keyPrefix) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        long generation;
        try {
            Object reply = NEW_GENERATION.eval(connection.client(), Collections.singletonList(generationKey(cacheName)),
                    Arrays.asList(GENERATION_TTL_MILLIS, generationChannel(), cacheName));
            generation = Long.parseLong(String.valueOf(reply));
            breaker.onSuccess(permit);
        } catch (RuntimeException e) {
            throw failure(breaker, memory, "storing the new generation", permit, e);
        }
        generations.remember(cacheName, generation, generations.epochBeforeRead());
        sweeper.sweepInBackground(keyPrefix, keyPrefix + "g" + generation + "|", "cache '" + cacheName + "'");
        return generation;
    }

    private String generationKey(String cacheName) {
        return namespace + "|#generation|" + cacheName;
    }

    private String generationChannel() {
        return namespace + "|#generation";
    }

    @Override
    public boolean isAvailable() {
        return breaker.isClosedOrDue();
    }

    @Override
    public String describe() {
        return "Redis " + connection.describe();
    }
}
