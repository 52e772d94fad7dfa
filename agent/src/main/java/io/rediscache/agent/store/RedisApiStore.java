package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis commands behind {@code io.rediscache.Cache} that cached methods do not need:
 * deletes that leave a tombstone, pattern deletes, and hashes. Same connection and circuit
 * breaker as {@link RedisStore}; a failure is a {@link StoreException} for the caller to degrade.
 */
public final class RedisApiStore {

    /** A delete that leaves a tombstone (see {@link Tombstone}) and says whether a value was there. */
    private static final LuaScript DELETE = new LuaScript(
            "local old = redis.call('GET', KEYS[1])\n"
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
            + "if old and string.sub(old, 1, string.len(ARGV[3])) ~= ARGV[3] then return 1 end\n"
            + "return 0");

    /** Sets a field and restarts the hash's TTL, in one round trip. */
    private static final LuaScript HSET = new LuaScript(
            "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])\n"
            + "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
            + "return 1");

    private final RedisConnection connection;
    private final CircuitBreaker breaker;
    private final MemoryPolicyCheck memory;
    private final KeySweeper sweeper;

    RedisApiStore(RedisConnection connection, CircuitBreaker breaker, MemoryPolicyCheck memory, KeySweeper sweeper) {
        this.connection = connection;
        this.breaker = breaker;
        this.memory = memory;
        this.sweeper = sweeper;
    }

    /** Replaces the value of {@code key} with a tombstone for {@code guardMillis}. @return whether a value was there */
    public boolean delete(String key, long guardMillis) throws StoreException {
        return run("DELETE", client -> Long.valueOf(1).equals(DELETE.evalBinary(client,
                Collections.singletonList(bytes(key)),
                Arrays.asList(Tombstone.create(), bytes(Long.toString(guardMillis)), Tombstone.mark()))));
    }

    /** Deletes every key matching the Redis glob {@code pattern}, in SCAN steps. @return how many */
    public long deleteMatching(String pattern) throws StoreException {
        return run("SCAN/UNLINK", client -> {
            try {
                return sweeper.sweepMatching(pattern);
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public byte[] hget(String key, String field) throws StoreException {
        return run("HGET", client -> client.hget(bytes(key), bytes(field)));
    }

    public void hset(String key, String field, byte[] value, long ttlMillis) throws StoreException {
        run("HSET", client -> HSET.evalBinary(client, Collections.singletonList(bytes(key)),
                Arrays.asList(bytes(field), value, bytes(Long.toString(ttlMillis)))));
    }

    public Map<String, byte[]> hgetAll(String key) throws StoreException {
        return run("HGETALL", client -> {
            Map<String, byte[]> fields = new HashMap<>();
            for (Map.Entry<byte[], byte[]> field : client.hgetAll(bytes(key)).entrySet()) {
                fields.put(new String(field.getKey(), StandardCharsets.UTF_8), field.getValue());
            }
            return fields;
        });
    }

    public long hdel(String key, String[] fields) throws StoreException {
        byte[][] raw = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            raw[i] = bytes(fields[i]);
        }
        return run("HDEL", client -> client.hdel(bytes(key), raw));
    }

    public boolean hexists(String key, String field) throws StoreException {
        return run("HEXISTS", client -> client.hexists(bytes(key), bytes(field)));
    }

    private <T> T run(String what, Command<T> command) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw new StoreException("Redis is skipped while the circuit breaker is open", null);
        }
        UnifiedJedis client = connection.client();
        try {
            T result = command.run(client);
            breaker.onSuccess(permit);
            return result;
        } catch (RuntimeException e) {
            throw RedisStore.failure(breaker, memory, what, permit, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One Redis command (or script) run under the circuit breaker. */
    private interface Command<T> {
        T run(UnifiedJedis client);
    }
}
