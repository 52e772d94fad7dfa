package io.rediscache.agent.store;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.rediscache.agent.DaemonThreads;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.RedisTopology;
import io.rediscache.agent.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The agent's one Redis client, shared by the cache store and the locks, every command bounded
 * by the connect and socket timeouts and every wait for a pooled connection by
 * {@code redis.pool.wait}. Which client depends on {@link RedisTopology}:
 * <ul>
 *   <li>one server: Jedis's {@link RedisClient} over {@link PooledConnections} (TLS);</li>
 *   <li>a cluster: Jedis's {@link RedisClusterClient}, which routes each command to its slot's
 *       primary and follows {@code MOVED}/{@code ASK} and failovers itself, with a pool of
 *       {@code redis.pool.size} per node. Its retries of one command are bounded by
 *       {@code redis.timeout.connect + redis.timeout.socket} in all;</li>
 *   <li>Sentinel: Jedis's {@link RedisSentinelClient}, which asks the sentinels for the primary
 *       and follows their {@code +switch-master} announcements, with one pool for the primary.</li>
 * </ul>
 * For cluster and Sentinel the pools are Jedis's own. On every
 * topology a call that waited {@code redis.pool.wait} for a connection in vain runs uncached (a
 * lock is unavailable) without counting as a failure of Redis ({@link PoolExhaustion}).
 *
 * <p>The client is built on a background thread: Jedis's constructor opens a first connection
 * to learn the server's protocol, which against a hung or unreachable Redis would hold up the
 * JVM's start for a timeout. Calls that arrive before it is built wait for it, at most
 * {@code redis.timeout.connect + redis.timeout.socket}, then fail with {@link StoreException}.
 *
 * <p>{@code rediss://}: TLS with the trust material of {@code redis.tls.ca} or
 * {@code redis.tls.truststore} (else the JVM's default), and the host name checked against the
 * server's certificate. A refused handshake is said once at ERROR with what to check; calls then
 * fail like any unreachable Redis (uncached calls, locks unavailable).
 */
public final class RedisConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
    private static final StoreException NOT_CONNECTED =
            new StoreException("the Redis client could not be created", null);
    private static final StoreException SHUT_DOWN = new StoreException("the JVM is shutting down", null);

    private final AgentConfig config;
    private final RedisTopology topology;
    private final String description;
    private final long clientWaitMillis;
    private final PoolExhaustion exhaustion;
    private final CountDownLatch clientBuilt = new CountDownLatch(1);
    private volatile UnifiedJedis client;
    private volatile boolean shutDown;
    private volatile PooledConnections connections;
    private volatile ClusterConnectionProvider clusterNodes;
    /** Set on the connect thread; asked why TLS failed when Jedis's exception does not say. */
    private volatile JedisClientBuilder builder;

    /**
     * A connection to the Redis of {@code config}, not yet connecting: see {@link #connectInBackground}.
     *
     * @param exhaustion tells a wait for a pooled connection that ran out from a failure, for the
     *        one-server pool ({@link PooledConnections}) and the locks ({@link #poolExhausted})
     */
    RedisConnection(AgentConfig config, PoolExhaustion exhaustion) {
        this.config = config;
        this.exhaustion = exhaustion;
        this.topology = config.redisTopology();
        this.description = topology.toString();
        this.clientWaitMillis = config.millis(Setting.REDIS_TIMEOUT_CONNECT) + config.millis(Setting.REDIS_TIMEOUT_SOCKET);
    }

    /**
     * Starts building the client on a background thread and returns at once; {@code listener}
     * is then told on that thread, with the new client or {@code null}, so that the store's
     * start-up work that needs Jedis runs there too. Everything of Jedis is made on that thread
     * ({@link JedisClientBuilder}): none of its classes loads on the caller's, which is the thread
     * that starts the JVM.
     */
    void connectInBackground(final ClientListener listener) {
        DaemonThreads.start("connect", new Runnable() {
            @Override
            public void run() {
                listener.buildFinished(RedisConnection.this, build());
            }
        });
    }

    private UnifiedJedis build() {
        try {
            builder = new JedisClientBuilder(config, clientWaitMillis, exhaustion);
            JedisClientBuilder.Built built = builder.build();
            if (built.sentinel) {
                closeAtShutdown(built.client);
            }
            connections = built.connections;
            clusterNodes = built.clusterNodes;
            client = built.client;
            return built.client;
        } catch (RuntimeException e) {
            addTlsDiagnosis(e);
            LOG.error("The Redis client for {} cannot be created ({}); cached methods run uncached and locks"
                    + " are unavailable.{}", description, CircuitBreaker.describe(e), tlsHint(e));
            return null;
        } finally {
            clientBuilt.countDown();
        }
    }

    /**
     * The pools of a cluster's primaries now, by {@code host:port}; {@code null} when Redis is
     * not a cluster. Commands without a key that must reach every primary ({@code SCAN}) go there.
     */
    Map<String, ? extends Pool<redis.clients.jedis.Connection>> clusterPrimaries() throws StoreException {
        client();
        ClusterConnectionProvider provider = clusterNodes;
        return provider == null ? null : provider.getPrimaryNodes();
    }

    /**
     * A pooled connection to the primary that holds {@code key} now, for commands that must
     * follow one another on one connection: {@code WAIT} counts the replicas that have received
     * the writes of its own connection, so it must go where the write went. Close it to return it
     * to its pool. Unlike the client's own commands, nothing here follows a {@code MOVED} or
     * retries on another node; after a failure call {@link #failedOnOwnConnection()}.
     *
     * @throws StoreException when the client does not exist (yet)
     * @throws RuntimeException as Jedis throws it when no connection can be had (including
     *         {@link PoolExhaustedException})
     */
    public redis.clients.jedis.Connection connectionFor(String key) throws StoreException {
        UnifiedJedis current = client();
        PooledConnections single = connections;
        if (single != null) {
            return single.getConnection();
        }
        ClusterConnectionProvider cluster = clusterNodes;
        if (cluster != null) {
            return cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(key));
        }
        if (current instanceof RedisSentinelClient) {
            // one entry: the primary the sentinels announced last
            for (Pool<redis.clients.jedis.Connection> primary
                    : ((RedisSentinelClient) current).getPrimaryNodesConnectionMap().values()) {
                return primary.getResource();
            }
        }
        throw new StoreException("no connection to a primary of " + description, null);
    }

    /**
     * After a failure on a connection of {@link #connectionFor(String)}: on a cluster the slot
     * may have moved or its node died (a failover), so the slot map is read again, as Jedis does
     * after such failures of its own commands; the next connection then goes to the new primary.
     */
    public void failedOnOwnConnection() {
        ClusterConnectionProvider cluster = clusterNodes;
        if (cluster != null) {
            try {
                cluster.renewSlotCache();
            } catch (RuntimeException e) {
                LOG.debug("Reading the cluster's slot map again failed: {}", e.toString());
            }
        }
    }

    /**
     * Whether {@code failure} was a wait for a pooled connection that ran out rather than a
     * failure of Redis ({@link PoolExhaustion}; said at most once a minute).
     */
    public boolean poolExhausted(RuntimeException failure) {
        return exhaustion.seenIn(failure);
    }

    /** What to check when the failure was the TLS handshake (untrusted or misnamed certificate); else empty. */
    String tlsHint(Throwable failure) {
        SSLException handshake = topology.tls() ? handshakeFailure(failure) : null;
        if (handshake == null) {
            return "";
        }
        // a cluster's or Sentinel's client names only its own failure; the handshake's is then said here
        String message = String.valueOf(handshake.getMessage());
        String shown = CircuitBreaker.describe(failure).contains(message) ? ""
                : " (" + handshake.getClass().getSimpleName() + ": " + message + ")";
        if (message.startsWith("Received fatal alert")) {
            // the server's alert: it refused this client, which is about the client's certificate
            return " The server refused this client's TLS connection" + shown + (config.tlsIdentity() == null
                    ? ": it asks for a client certificate (tls-auth-clients yes, Redis's default with TLS); set "
                    + Setting.REDIS_TLS_CERT.key() + " and " + Setting.REDIS_TLS_KEY.key() + " (or " + Setting.REDIS_TLS_KEYSTORE.key()
                    + ") to one signed by a CA of the server's tls-ca-cert-file."
                    : ": " + config.tlsIdentity() + " must be signed by a CA of the server's tls-ca-cert-file, be valid now and"
                    + " allow client authentication.");
        }
        return " The TLS handshake failed" + shown + ": the server's certificate must be signed by a CA that "
                + Setting.REDIS_TLS_CA.key() + " (or " + Setting.REDIS_TLS_TRUSTSTORE.key()
                + ", else the JVM's trust store) holds, and "
                + TlsHostNames.rule(topology, config.flag(Setting.REDIS_TLS_HOSTNAME_CHECK));
    }

    /**
     * When TLS is on and {@code failure} does not say the TLS failure, asks the servers
     * ({@link TlsHandshakeCheck}) and adds what they answered to it as a suppressed exception.
     */
    private void addTlsDiagnosis(Throwable failure) {
        JedisClientBuilder current = builder;
        if (topology.tls() && current != null && handshakeFailure(failure) == null) {
            SSLException found = current.tlsFailure();
            if (found != null) {
                failure.addSuppressed(found);
            }
        }
    }

    /** The TLS handshake's failure among {@code failure}'s causes and suppressed exceptions (Jedis's cluster client keeps the first node's there). */
    private static SSLException handshakeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return (SSLException) cause;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                SSLException found = handshakeFailure(suppressed);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Says at ERROR, once, when the start-up probe failed in the TLS handshake: that is a
     * configuration to fix (trust material or host name), not an outage that will pass.
     */
    void reportTlsRefusal(Exception failure) {
        addTlsDiagnosis(failure);
        String hint = tlsHint(failure);
        if (!hint.isEmpty()) {
            LOG.error("Redis at {} refused: {}.{} Until then cached methods run uncached and locks are unavailable.",
                    description, CircuitBreaker.describe(failure), hint);
        }
    }

    /** The client, waiting for it only right after start. */
    public UnifiedJedis client() throws StoreException {
        UnifiedJedis current = client;
        if (shutDown) {
            throw SHUT_DOWN;
        }
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

    /**
     * Sentinel: Jedis's client keeps a thread per Sentinel in a socket read (listening for
     * {@code +switch-master}), and HotSpot's exit waits 300 ms for threads in native code (see
     * {@link RedisSubscription}). So the client is closed when the JVM shuts down, which ends those
     * threads; calls after that run uncached, as when Redis cannot be reached.
     */
    private void closeAtShutdown(final UnifiedJedis sentinelClient) {
        Runtime.getRuntime().addShutdownHook(DaemonThreads.named("sentinel-close").newThread(new Runnable() {
            @Override
            public void run() {
                shutDown = true;
                try {
                    sentinelClient.close();
                } catch (RuntimeException e) {
                    LOG.debug("Closing the Sentinel client at shutdown failed ({}).", e.toString());
                }
            }
        }));
    }

    /** Closes the pooled connections nobody is using (they are opened again when needed). */
    void dropIdleConnections() {
        try {
            PooledConnections current = connections;
            if (current != null) {
                current.dropIdle();
            }
            ClusterConnectionProvider cluster = clusterNodes;
            if (cluster != null) {
                for (Pool<redis.clients.jedis.Connection> pool : cluster.getNodes().values()) {
                    pool.clear();
                }
            }
            UnifiedJedis sentinel = client;
            if (sentinel instanceof RedisSentinelClient) {
                for (Pool<redis.clients.jedis.Connection> pool
                        : ((RedisSentinelClient) sentinel).getPrimaryNodesConnectionMap().values()) {
                    pool.clear();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Closing the idle connections to {} failed: {}", description, e.toString());
        }
    }

    /** Where Redis is, for logs: never with the password. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        UnifiedJedis current = client;
        if (current != null) {
            current.close();
        }
    }

    /** Told on the connection's background thread when building the client has been tried. */
    interface ClientListener {
        /** @param client the new client, or {@code null} when it could not be built (already logged) */
        void buildFinished(RedisConnection connection, UnifiedJedis client);
    }
}
