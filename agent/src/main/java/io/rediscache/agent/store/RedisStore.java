package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis cache store: {@code GET} and {@code SET … PX} over the shared
 * {@link RedisConnection}, behind a {@link CircuitBreaker}. A failure is thrown as
 * {@link StoreException} for the caller to degrade (the cached method then runs uncached); Jedis
 * discards a broken connection from the pool itself, so a restarted Redis is used again without
 * any reconnect logic here.
 */
public final class RedisStore implements CacheStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final StoreException BREAKER_OPEN =
            new StoreException("Redis is skipped while the circuit breaker is open", null);

    private final RedisConnection connection;
    private final CircuitBreaker breaker;

    private RedisStore(RedisConnection connection, CircuitBreaker breaker) {
        this.connection = connection;
        this.breaker = breaker;
    }

    /**
     * Connects in the background (returns at once, so an unreachable Redis never delays JVM
     * start), then asks Redis for its version once, so that start-up says whether Redis answers,
     * and an unreachable Redis opens the breaker before the first cached call pays a timeout.
     */
    public static RedisStore connectInBackground(AgentConfig config) {
        final String description = config.redisUrl().toString();
        final CircuitBreaker breaker = new CircuitBreaker(description,
                config.count(Setting.REDIS_BREAKER_FAILURES), config.millis(Setting.REDIS_BREAKER_COOLDOWN));
        RedisConnection connection = RedisConnection.connectInBackground(config, new RedisConnection.ClientListener() {
            @Override
            public void built(RedisClient client) {
                long permit = breaker.admit();
                try {
                    String info = client.info("server");
                    if (permit != CircuitBreaker.SKIP) {
                        breaker.onSuccess(permit);
                    }
                    LOG.info("Connected to Redis {} at {}.", version(info), description);
                } catch (RuntimeException e) {
                    breaker.trip(e);
                }
            }
        });
        return new RedisStore(connection, breaker);
    }

    /** The connection, shared with the locks. */
    public RedisConnection connection() {
        return connection;
    }

    @Override
    public byte[] get(String key) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        RedisClient client = connection.client();
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
    public void set(String key, byte[] value, long ttlMillis) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        RedisClient client = connection.client();
        try {
            client.set(key.getBytes(StandardCharsets.UTF_8), value, SetParams.setParams().px(ttlMillis));
            breaker.onSuccess(permit);
        } catch (RuntimeException e) {
            breaker.onFailure(permit, e);
            throw new StoreException("SET failed", e);
        }
    }

    @Override
    public boolean isAvailable() {
        return breaker.isClosedOrDue();
    }

    @Override
    public String describe() {
        return "Redis " + connection.describe();
    }

    private static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "(version unknown)";
    }
}
