package io.rediscache.it.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * A primary, one replica and three Sentinels watching them (quorum 2), for one test, each a
 * {@code redis-server} on a free loopback port. Always {@link #close()} it: every process it
 * started is stopped, also when the start failed.
 *
 * <p>The Sentinels call the primary down after 1 s without an answer
 * ({@code down-after-milliseconds}), so a killed primary is replaced within seconds;
 * {@code failover-timeout} is 3 s, so an election that fails is tried again 6 s later rather than
 * the default 6 minutes. {@link #start()} returns once the replica's link is up and every
 * Sentinel knows the primary, the replica and the two other Sentinels: only then can they agree
 * on a failover. The Sentinels find each other through the primary (hello messages every 2 s),
 * which is most of the start-up time.
 *
 * <p>Passwords, each optional and kept in config files, never on a command line: the data
 * password is {@code requirepass} and {@code masterauth} of both data nodes and the Sentinels'
 * {@code sentinel auth-pass}; the Sentinel password is {@code requirepass} of the Sentinels,
 * which Redis 7 Sentinels also use to log in to each other (so all three share it).
 */
public final class RedisSentinelGroup implements AutoCloseable {

    private static final String MASTER_NAME = "cache-primary";
    private static final int SENTINELS = 3;
    private static final Duration START_BOUND = Duration.ofSeconds(30);
    private static final Duration PROMOTION_BOUND = Duration.ofSeconds(30);
    private static final long REPLICATION_WAIT_MILLIS = 5000;
    private static final int ADMIN_TIMEOUT_MILLIS = 2000;
    private static final int LOG_LINES_ON_FAILURE = 15;

    private final String dataPassword;
    private final String sentinelPassword;
    private final RedisTls tls;
    private final List<RedisServer> dataNodes = new ArrayList<>();
    private final List<RedisServer> sentinels = new ArrayList<>();
    private RedisServer killed;

    private RedisSentinelGroup(String dataPassword, String sentinelPassword, RedisTls tls) {
        this.dataPassword = dataPassword;
        this.sentinelPassword = sentinelPassword;
        this.tls = tls;
    }

    /** A group without passwords. */
    public static RedisSentinelGroup start() {
        return startWithPasswords(null, null);
    }

    /**
     * A group whose data nodes require {@code dataPassword} and whose Sentinels require
     * {@code sentinelPassword}; either may be null for none.
     */
    public static RedisSentinelGroup startWithPasswords(String dataPassword, String sentinelPassword) {
        return start(dataPassword, sentinelPassword, null);
    }

    /** As {@link #startWithPasswords}, every server speaking TLS only: to clients, to its replica, between sentinels. */
    public static RedisSentinelGroup startTls(String dataPassword, String sentinelPassword, RedisTls tls) {
        return start(dataPassword, sentinelPassword, Objects.requireNonNull(tls, "tls"));
    }

    private static RedisSentinelGroup start(String dataPassword, String sentinelPassword, RedisTls tls) {
        RedisSentinelGroup group = new RedisSentinelGroup(dataPassword, sentinelPassword, tls);
        try {
            group.startDataNodes();
            group.startSentinels();
            return group;
        } catch (IOException e) {
            group.close();
            throw new IllegalStateException("cannot start the Sentinel group: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private void startDataNodes() throws IOException {
        String config = (dataPassword == null ? "" : "requirepass " + dataPassword + "\nmasterauth " + dataPassword + "\n")
                + (tls == null ? "" : tls.serverConfig());
        // a replica's first sync would otherwise wait 5 s for other replicas to join it
        String[] arguments = {"--repl-diskless-sync-delay", "0"};
        RedisServer primary = RedisServer.startWithConfig(RedisServer.freePort(), config, tls != null, arguments);
        dataNodes.add(primary);
        dataNodes.add(RedisServer.startWithConfig(RedisServer.freePort(),
                config + "replicaof " + primary.host() + " " + primary.port() + "\n", tls != null, arguments));
        Await.until(START_BOUND, "replica in sync with the primary", () -> {
            try (Jedis replica = connectData(address(dataNodes.get(1)))) {
                return replica.info("replication").contains("master_link_status:up");
            }
        }, this::describe);
    }

    private void startSentinels() throws IOException {
        RedisServer primary = dataNodes.get(0);
        StringBuilder config = new StringBuilder()
                .append("sentinel monitor ").append(MASTER_NAME).append(' ').append(primary.host()).append(' ').append(primary.port()).append(" 2\n")
                .append("sentinel down-after-milliseconds ").append(MASTER_NAME).append(" 1000\n")
                .append("sentinel failover-timeout ").append(MASTER_NAME).append(" 3000\n")
                .append("sentinel parallel-syncs ").append(MASTER_NAME).append(" 1\n");
        if (dataPassword != null) {
            config.append("sentinel auth-pass ").append(MASTER_NAME).append(' ').append(dataPassword).append('\n');
        }
        if (sentinelPassword != null) {
            config.append("requirepass ").append(sentinelPassword).append('\n');
        }
        if (tls != null) {
            config.append(tls.serverConfig());
        }
        for (int i = 0; i < SENTINELS; i++) {
            sentinels.add(RedisServer.startWithConfig(RedisServer.freePort(), config.toString(), tls != null, "--sentinel"));
        }
        Await.until(START_BOUND, "every Sentinel knowing the primary, its replica and the other Sentinels",
                this::sentinelsAcquainted, this::describe);
    }

    private boolean sentinelsAcquainted() {
        for (RedisServer sentinel : sentinels) {
            try (Jedis client = connectSentinel(address(sentinel))) {
                Map<String, String> master = client.sentinelMaster(MASTER_NAME);
                boolean acquainted = "master".equals(master.get("flags"))
                        && "1".equals(master.get("num-slaves"))
                        && Integer.toString(SENTINELS - 1).equals(master.get("num-other-sentinels"));
                if (!acquainted) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The name the Sentinels monitor the primary by: the value for {@code redis.sentinel.master}. */
    public String masterName() {
        return MASTER_NAME;
    }

    /** Every Sentinel as {@code 127.0.0.1:port}, comma-separated: the value for {@code redis.sentinel.nodes}. */
    public String sentinelNodes() {
        return sentinels.stream().map(sentinel -> address(sentinel).toString()).collect(Collectors.joining(","));
    }

    /** The primary and the replica, in start order (which one is primary may change). */
    public List<HostAndPort> dataNodeAddresses() {
        return dataNodes.stream().map(RedisSentinelGroup::address).toList();
    }

    public Set<HostAndPort> sentinelAddresses() {
        return sentinels.stream().map(RedisSentinelGroup::address).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The process ids of the data nodes and the Sentinels, for a test that checks {@link #close()} left none running. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        dataNodes.forEach(node -> pids.add(node.pid()));
        sentinels.forEach(sentinel -> pids.add(sentinel.pid()));
        return pids;
    }

    /** The primary, as a Sentinel names it now ({@code SENTINEL get-master-addr-by-name}). */
    public HostAndPort primary() {
        try (Jedis sentinel = connectSentinel(address(sentinels.get(0)))) {
            return primaryNamedBy(sentinel);
        }
    }

    /**
     * Kills (SIGKILL) the primary and waits until every Sentinel names the replica as primary and
     * the replica says it is one ({@code INFO replication}). The killed node stays down, so the
     * new primary has no replica and this works once per group.
     */
    public Promotion killPrimary() {
        if (killed != null) {
            throw new IllegalStateException("the primary was killed before; its replica has no replica left to promote");
        }
        HostAndPort former = primary();
        RedisServer server = dataNodes.stream().filter(node -> address(node).equals(former)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the Sentinels name " + former + ", not a node of this group"));
        HostAndPort candidate = dataNodes.stream().filter(node -> node != server).map(RedisSentinelGroup::address).findFirst().orElseThrow();
        long started = System.nanoTime();
        server.kill();
        killed = server;
        Await.until(PROMOTION_BOUND, "promotion of " + candidate + " in place of " + former,
                () -> everySentinelNames(candidate) && isPrimary(candidate), this::describe);
        return new Promotion(former, candidate, Duration.ofNanos(System.nanoTime() - started));
    }

    private boolean everySentinelNames(HostAndPort candidate) {
        for (RedisServer sentinel : sentinels) {
            try (Jedis client = connectSentinel(address(sentinel))) {
                if (!candidate.equals(primaryNamedBy(client))) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean isPrimary(HostAndPort node) {
        try (Jedis client = connectData(node)) {
            return client.info("replication").contains("role:master");
        }
    }

    private static HostAndPort primaryNamedBy(Jedis sentinel) {
        List<String> hostAndPort = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
        return new HostAndPort(hostAndPort.get(0), Integer.parseInt(hostAndPort.get(1)));
    }

    /** Waits until the replica has acknowledged the primary's writes so far ({@code WAIT}); nothing to wait for once the primary was killed. */
    public void awaitReplication() {
        if (killed != null) {
            return;
        }
        try (Jedis primary = connectData(primary())) {
            long acknowledged = primary.waitReplicas(1, REPLICATION_WAIT_MILLIS);
            if (acknowledged < 1) {
                throw new IllegalStateException("the replica did not acknowledge the primary's writes within " + REPLICATION_WAIT_MILLIS + " ms");
            }
        }
    }

    /** Client settings for the data nodes (the data password, 2 s timeouts). */
    public JedisClientConfig dataClientConfig() {
        return config(dataPassword);
    }

    /** Client settings for the Sentinels (the Sentinel password, 2 s timeouts). */
    public JedisClientConfig sentinelClientConfig() {
        return config(sentinelPassword);
    }

    private JedisClientConfig config(String password) {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder().password(password)
                .connectionTimeoutMillis(ADMIN_TIMEOUT_MILLIS).socketTimeoutMillis(ADMIN_TIMEOUT_MILLIS);
        return (tls == null ? builder : tls.onClient(builder)).build();
    }

    /** A plain connection to a data node, logged in; close it. */
    public Jedis connectData(HostAndPort node) {
        return new Jedis(node, dataClientConfig());
    }

    /** A plain connection to a Sentinel, logged in; close it. */
    public Jedis connectSentinel(HostAndPort sentinel) {
        return new Jedis(sentinel, sentinelClientConfig());
    }

    private static HostAndPort address(RedisServer server) {
        return new HostAndPort(server.host(), server.port());
    }

    /** What each Sentinel says of the primary, and the end of every log, for a failure message (no password in either). */
    private String describe() {
        StringBuilder text = new StringBuilder();
        for (RedisServer sentinel : sentinels) {
            text.append("--- sentinel ").append(address(sentinel)).append('\n');
            try (Jedis client = connectSentinel(address(sentinel))) {
                text.append(client.sentinelMaster(MASTER_NAME)).append('\n');
            } catch (RuntimeException e) {
                text.append("SENTINEL MASTER failed: ").append(e).append('\n');
            }
            appendLogTail(text, sentinel);
        }
        for (RedisServer node : dataNodes) {
            text.append("--- data node ").append(address(node)).append(node == killed ? " (killed)\n" : "\n");
            appendLogTail(text, node);
        }
        return text.toString();
    }

    private static void appendLogTail(StringBuilder text, RedisServer server) {
        List<String> log = server.log().lines().toList();
        log.subList(Math.max(0, log.size() - LOG_LINES_ON_FAILURE), log.size()).forEach(line -> text.append("  | ").append(line).append('\n'));
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        dataNodes.forEach(RedisServer::close);
    }
}
