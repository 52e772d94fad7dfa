package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 *
 * <p>The client is built on a background thread: Jedis's constructor opens a first connection
 * to learn the server's protocol, which against a hung or unreachable Redis would hold up the
 * JVM's start for a timeout. Calls that arrive before it is built wait for it, at most
 * {@code redis.timeout.connect + redis.timeout.socket}, then run uncached.
 */
public final class RedisStore implements CacheStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final StoreException BREAKER_OPEN =
            new StoreException("Redis is skipped while the circuit breaker is open", null);

    private static final StoreException NOT_CONNECTED =
            new StoreException("the Redis client could not be created", null);

    private final HostAndPort address;
    private final DefaultJedisClientConfig clientConfig;
    private final ConnectionPoolConfig poolConfig;
    private final CircuitBreaker breaker;
    private final String description;
    private final long clientWaitMillis;
    private final CountDownLatch clientBuilt = new CountDownLatch(1);
    private volatile RedisClient client;

    private RedisStore(HostAndPort address, DefaultJedisClientConfig clientConfig, ConnectionPoolConfig poolConfig,
                       CircuitBreaker breaker, String description, long clientWaitMillis) {
        this.address = address;
        this.clientConfig = clientConfig;
        this.poolConfig = poolConfig;
        this.breaker = breaker;
        this.description = description;
        this.clientWaitMillis = clientWaitMillis;
    }

    /**
     * Prepares the store and starts connecting in the background; returns at once, so an
     * unreachable Redis never delays JVM start.
     */
    public static RedisStore connectInBackground(AgentConfig config) {
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
        String description = url.toString();
        CircuitBreaker breaker = new CircuitBreaker(description,
                config.count(Setting.REDIS_BREAKER_FAILURES), config.millis(Setting.REDIS_BREAKER_COOLDOWN));
        RedisStore store = new RedisStore(new HostAndPort(url.host(), url.port()), clientConfig, pool, breaker,
                description, config.millis(Setting.REDIS_TIMEOUT_CONNECT) + config.millis(Setting.REDIS_TIMEOUT_SOCKET));
        Thread connect = new Thread(store::connect, "redis-cache-agent-connect");
        connect.setDaemon(true);
        connect.start();
        return store;
    }

    /**
     * Builds the client, then asks Redis for its version once, so that start-up says whether
     * Redis answers, and an unreachable Redis opens the breaker before the first cached call
     * pays a timeout.
     */
    private void connect() {
        RedisClient built;
        try {
            built = RedisClient.builder()
                    .hostAndPort(address)
                    .clientConfig(clientConfig)
                    .connectionProvider(new PooledConnections(address, clientConfig, poolConfig))
                    .build();
            client = built;
        } catch (RuntimeException e) {
            LOG.error("The Redis client for {} cannot be created ({}); cached methods run uncached.",
                    description, CircuitBreaker.describe(e));
            return;
        } finally {
            clientBuilt.countDown();
        }
        long permit = breaker.admit();
        try {
            String info = built.info("server");
            if (permit != CircuitBreaker.SKIP) {
                breaker.onSuccess(permit);
            }
            LOG.info("Connected to Redis {} at {}.", version(info), description);
        } catch (RuntimeException e) {
            breaker.trip(e);
        }
    }

    private RedisClient client() throws StoreException {
        RedisClient current = client;
        if (current != null) {
            return current;
        }
        try {
            clientBuilt.await(clientWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current = client;
        if (current == null) {
            throw NOT_CONNECTED;
        }
        return current;
    }

    @Override
    public byte[] get(String key) throws StoreException {
        long permit = breaker.admit();
        if (permit == CircuitBreaker.SKIP) {
            throw BREAKER_OPEN;
        }
        RedisClient current = client();
        try {
            byte[] value = current.get(key.getBytes(StandardCharsets.UTF_8));
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
        RedisClient current = client();
        try {
            current.set(key.getBytes(StandardCharsets.UTF_8), value, SetParams.setParams().px(ttlMillis));
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
        RedisClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
