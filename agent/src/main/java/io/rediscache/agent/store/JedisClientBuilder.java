package io.rediscache.agent.store;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.RedisTopology;
import io.rediscache.agent.config.RedisUrl;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.config.TlsTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Builds the Jedis client of a {@link RedisConnection} from the settings: the client and pool
 * configurations, then the client for the {@link RedisTopology} (see {@link RedisConnection}).
 *
 * <p>Used on the connection's background thread only. Building is where the agent's Jedis and
 * commons-pool2 classes, some three hundred of them, load; on the thread that runs the agent's
 * premain they delayed every JVM's {@code main} by 30-60 ms. So nothing that premain loads
 * refers to this class or makes Jedis objects.
 */
final class JedisClientBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class); // its lines, as before
    /** Attempts of one cluster command (a MOVED, an ASK or a dead node each take one), within the time bound. */
    private static final int CLUSTER_MAX_ATTEMPTS = 5;

    private final RedisTopology topology;
    private final HostAndPort address;
    private final DefaultJedisClientConfig clientConfig;
    private final DefaultJedisClientConfig sentinelConfig;
    private final ConnectionPoolConfig poolConfig;
    private final long clientWaitMillis;
    private final PoolExhaustion exhaustion;
    private final TlsHandshakeCheck tlsCheck;

    /**
     * @param clientWaitMillis how long a command may take, retries included: {@link RedisConnection}'s bound
     * @param exhaustion for the one-server pool ({@link PooledConnections})
     */
    JedisClientBuilder(AgentConfig config, long clientWaitMillis, PoolExhaustion exhaustion) {
        this.topology = config.redisTopology();
        RedisUrl url = topology.url();
        this.address = url == null ? null : new HostAndPort(url.host(), url.port());
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_CONNECT))
                .socketTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_SOCKET))
                .user(topology.user())
                .password(topology.password())
                .database(url == null ? 0 : url.database())
                .clientName("redis-cache-agent");
        SSLSocketFactory tlsSockets = topology.tls() ? TlsTrust.socketFactory(config.tlsTrust(), config.tlsIdentity()) : null;
        boolean checkHost = config.flag(Setting.REDIS_TLS_HOSTNAME_CHECK);
        // parameters without an endpoint identification algorithm switch the check off: given none, Jedis checks the host itself
        SSLParameters tlsParameters = checkHost ? checkingHostName() : new SSLParameters();
        this.tlsCheck = tlsSockets == null ? null
                : new TlsHandshakeCheck(tlsSockets, tlsParameters, (int) config.millis(Setting.REDIS_TIMEOUT_CONNECT));
        if (tlsSockets != null) {
            withTls(builder, tlsSockets, tlsParameters);
        }
        this.clientConfig = builder.build();
        DefaultJedisClientConfig.Builder sentinelBuilder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_CONNECT))
                .socketTimeoutMillis((int) config.millis(Setting.REDIS_TIMEOUT_SOCKET))
                .user(topology.sentinelUser())
                .password(topology.sentinelPassword())
                .clientName("redis-cache-agent")
                // Sentinels are asked with plain Jedis connections, which speak RESP2 and warn on
                // every connection when asked to negotiate; RESP2 is all a Sentinel query needs
                .autoNegotiateProtocol(false);
        if (tlsSockets != null) {
            withTls(sentinelBuilder, tlsSockets, tlsParameters);
            LOG.info("Redis connections to {} use TLS, trusting {}{}; {}", topology,
                    config.tlsTrust() == null ? "the JVM's default trust store" : config.tlsTrust(),
                    config.tlsIdentity() == null ? "" : ", presenting " + config.tlsIdentity(), TlsHostNames.rule(topology, checkHost));
        }
        this.sentinelConfig = sentinelBuilder.build();
        this.poolConfig = new ConnectionPoolConfig();
        int size = config.count(Setting.REDIS_POOL_SIZE);
        poolConfig.setMaxTotal(size);
        poolConfig.setMaxIdle(size);
        poolConfig.setMinIdle(0);
        poolConfig.setBlockWhenExhausted(true);
        poolConfig.setMaxWait(Duration.ofMillis(config.millis(Setting.REDIS_POOL_WAIT)));
        poolConfig.setJmxEnabled(false);
        this.clientWaitMillis = clientWaitMillis;
        this.exhaustion = exhaustion;
    }

    private static void withTls(DefaultJedisClientConfig.Builder builder, SSLSocketFactory sockets, SSLParameters parameters) {
        builder.ssl(true).sslSocketFactory(sockets).sslParameters(parameters);
    }

    /**
     * Each server's certificate must name the host it is reached at (a DNS or IP subject
     * alternative name), as a browser checks a web site's: without this, any certificate the CA
     * ever signed, for any host, would be accepted. That host is the one of {@code redis.url}, of
     * {@code redis.sentinel.nodes}, or the one a cluster or the sentinels give for a node.
     */
    private static SSLParameters checkingHostName() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    /** @throws RuntimeException as Jedis throws it when the client cannot be created */
    Built build() {
        switch (topology.kind()) {
            case CLUSTER:
                return buildCluster();
            case SENTINEL:
                return new Built(RedisSentinelClient.builder()
                        .masterName(topology.masterName())
                        .sentinels(addresses(topology))
                        .clientConfig(clientConfig)
                        .sentinelClientConfig(sentinelConfig)
                        .poolConfig(poolConfig)
                        .build(), null, null, true);
            default:
                PooledConnections pooled = new PooledConnections(address, clientConfig, poolConfig, exhaustion);
                return new Built(RedisClient.builder()
                        .hostAndPort(address)
                        .clientConfig(clientConfig)
                        .connectionProvider(pooled)
                        .build(), pooled, null, false);
        }
    }

    /**
     * The cluster client over a connection provider kept by the connection, because only the
     * provider says which nodes are primaries now. A command that meets a failover is retried by
     * Jedis (new slot map, next node) until {@code redis.timeout.connect + redis.timeout.socket}
     * have passed, then fails as an outage would.
     */
    private Built buildCluster() {
        // no periodic topology refresh: its executor thread is not a daemon and would keep the JVM from exiting;
        // Jedis re-reads the slot map on every MOVED and after a node fails, which is what a failover brings
        ClusterConnectionProvider provider = new ClusterConnectionProvider(addresses(topology), clientConfig, poolConfig);
        try {
            UnifiedJedis built = RedisClusterClient.builder()
                    .nodes(addresses(topology)) // required by the builder, though the provider already has them
                    .connectionProvider(provider)
                    .clientConfig(clientConfig)
                    .maxAttempts(CLUSTER_MAX_ATTEMPTS)
                    .maxTotalRetriesDuration(Duration.ofMillis(clientWaitMillis))
                    .build();
            return new Built(built, null, provider, false);
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    /**
     * Why TLS connections fail, asked of the servers the client would reach first (one server,
     * the cluster's seed nodes, the sentinels) when the client's own exception does not say
     * ({@link TlsHandshakeCheck}). @return the TLS failure, or {@code null} (none found, or no TLS)
     */
    SSLException tlsFailure() {
        if (tlsCheck == null) {
            return null;
        }
        return tlsCheck.firstFailure(address != null ? Collections.singleton(address) : addresses(topology));
    }

    private static Set<HostAndPort> addresses(RedisTopology topology) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (RedisTopology.Node node : topology.nodes()) {
            addresses.add(new HostAndPort(node.host(), node.port()));
        }
        return addresses;
    }

    /** A built client and the connection objects beside it that only some topologies have. */
    static final class Built {
        final UnifiedJedis client;
        /** One server: the pool the client borrows from; else {@code null}. */
        final PooledConnections connections;
        /** A cluster: the provider that knows the primaries; else {@code null}. */
        final ClusterConnectionProvider clusterNodes;
        /** Sentinel: the client keeps listener threads that must be closed at shutdown. */
        final boolean sentinel;

        Built(UnifiedJedis client, PooledConnections connections, ClusterConnectionProvider clusterNodes,
              boolean sentinel) {
            this.client = client;
            this.connections = connections;
            this.clusterNodes = clusterNodes;
            this.sentinel = sentinel;
        }
    }
}
