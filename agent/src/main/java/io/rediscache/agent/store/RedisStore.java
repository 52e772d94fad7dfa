package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.RedisUrl;
import io.rediscache.agent.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis store: Jedis's {@link RedisClient} over {@link PooledConnections}, every command
 * bounded by the connect and socket timeouts and every wait for a pooled connection by
 * {@code redis.pool.wait}, behind a {@link CircuitBreaker}. A failure is thrown as
 * {@link StoreException} for the caller to degrade (the cached method then runs uncached); Jedis
 * discards a broken connection from the pool itself, so a restarted Redis is used again without
 * any reconnect logic here.
 */
public final class RedisStore implements CacheStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final StoreException BREAKER_OPEN =
            new StoreException("Redis is skipped while the circuit breaker is open", null);

    private final RedisClient client;
    private final CircuitBreaker breaker;
    private final String description;

    RedisStore(RedisClient client, CircuitBreaker breaker, String description) {
        this.client = client;
        this.breaker = breaker;
        this.description = description;
    }

    /** Creates the client; connects lazily, so an unreachable Redis never delays JVM start. */
    public static RedisStore create(AgentConfig config) {
        RedisUrl url = config.redisUrl();
        DefaultJedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_CONNECT))
                .socketTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_SOCKET))
                .user(url.user())
                .password(url.password())
                .database(url.database())
                .ssl(url.tls())
                .clientName("redis-cache-agent")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        int size = config.count(Setting.REDIS_POOL_SIZE);
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(config.millis(Setting.REDIS_POOL_WAIT)));
        pool.setJmxEnabled(false);
        HostAndPort address = new HostAndPort(url.host(), url.port());
        RedisClient client = RedisClient.builder()
                .hostAndPort(address)
                .clientConfig(clientConfig)
                .connectionProvider(new PooledConnections(address, clientConfig, pool))
                .build();
        String description = url.toString();
        CircuitBreaker breaker = new CircuitBreaker(description,
                config.count(Setting.REDIS_BREAKER_FAILURES), config.millis(Setting.REDIS_BREAKER_COOLDOWN));
        return new RedisStore(client, breaker, description);
    }

    @Override
    public byte[] get(String key) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
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
        return "Redis " + description;
    }

    /**
     * Pings Redis once, in the background, so that start-up says whether Redis answers and an
     * unreachable Redis opens the breaker before the first cached call pays a timeout.
     */
    public void probeInBackground() {
        Thread probe = new Thread(new Runnable() {
            @Override
            public void run() {
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
        }, "redis-cache-agent-probe");
        probe.setDaemon(true);
        probe.start();
    }

    private static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "(version unknown)";
    }

    @Override
    public void close() {
        client.close();
    }
}
