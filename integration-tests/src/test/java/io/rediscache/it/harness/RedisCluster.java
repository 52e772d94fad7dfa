package io.rediscache.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * A Redis Cluster of three primaries with one replica each, for one test: six
 * {@code redis-server} processes on free loopback ports, joined by
 * {@code redis-cli --cluster create … --cluster-replicas 1 --cluster-yes}. Always
 * {@link #close()} it: every process it started is stopped, also when the start failed.
 *
 * <p>Each node gets its cluster bus port explicitly ({@code cluster-port}): the default, port +
 * 10000, is out of range for most ephemeral ports. {@code cluster-node-timeout} is 1 s, so a
 * killed primary is replaced within seconds, and a replica's first sync does not wait the
 * default 5 s for other replicas to join it ({@code repl-diskless-sync-delay 0}).
 *
 * <p>"Healthy", which {@link #start()} and every promotion wait for: each live node says
 * {@code cluster_state:ok} with all 16384 slots served, all live nodes agree on who serves which
 * slots and who replicates whom (gossip spreads a replica's role a moment after the slots), every
 * live node other than the three primaries is a replica, and each replica's link to its primary
 * is up (a replica that never synchronised would refuse to fail over:
 * {@code cluster-replica-validity-factor}). Roles change with failovers, so {@link #primaries()}
 * and {@link #replicas()} ask the cluster every time.
 *
 * <p>With a password, every node has it as {@code requirepass} and {@code masterauth} in its
 * config file, never on a command line ({@code pgrep -af} would show it); {@code redis-cli} gets
 * it through {@code REDISCLI_AUTH}.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int NODES = 6;
    private static final int SHARDS = 3;
    private static final String SLOTS = "16384";
    private static final String NODE_TIMEOUT_MILLIS = "1000";
    private static final Duration START_BOUND = Duration.ofSeconds(30);
    private static final Duration PROMOTION_BOUND = Duration.ofSeconds(30);
    private static final long REPLICATION_WAIT_MILLIS = 5000;
    private static final int ADMIN_TIMEOUT_MILLIS = 2000;
    private static final int LOG_LINES_ON_FAILURE = 15;

    private final String password;
    private final RedisTls tls;
    private final List<RedisServer> servers = new ArrayList<>();
    private final Set<RedisServer> killed = new HashSet<>();

    private RedisCluster(String password, RedisTls tls) {
        this.password = password;
        this.tls = tls;
    }

    /** A cluster without a password. */
    public static RedisCluster start() {
        return start(null);
    }

    /** A cluster whose nodes all require {@code password} (and use it to replicate). */
    public static RedisCluster startWithPassword(String password) {
        return start(Objects.requireNonNull(password, "password"));
    }

    /** A cluster whose nodes require {@code password} and speak TLS only, to clients and to each other. */
    public static RedisCluster startTls(String password, RedisTls tls) {
        return start(Objects.requireNonNull(password, "password"), Objects.requireNonNull(tls, "tls"));
    }

    private static RedisCluster start(String password) {
        return start(password, null);
    }

    private static RedisCluster start(String password, RedisTls tls) {
        RedisCluster cluster = new RedisCluster(password, tls);
        try {
            cluster.startNodes();
            cluster.create();
            cluster.awaitHealthy("healthy cluster after redis-cli --cluster create");
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new IllegalStateException("cannot start the cluster: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startNodes() throws IOException {
        int[] ports = RedisServer.freePorts(2 * NODES);
        String config = (password == null ? "" : "requirepass " + password + "\nmasterauth " + password + "\n")
                + (tls == null ? "" : tls.serverConfig() + "tls-cluster yes\n");
        for (int i = 0; i < NODES; i++) {
            servers.add(RedisServer.startWithConfig(ports[i], config, tls != null,
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-port", Integer.toString(ports[NODES + i]),
                    "--cluster-node-timeout", NODE_TIMEOUT_MILLIS,
                    "--repl-diskless-sync-delay", "0"));
        }
    }

    private void create() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        servers.forEach(server -> command.add(address(server).toString()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        if (tls != null) {
            command.addAll(List.of("--tls", "--cacert", tls.caFile().toString()));
        }
        Path output = Files.createTempFile("redis-cluster-create", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (password != null) {
            builder.environment().put("REDISCLI_AUTH", password);
        }
        Process process = builder.start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish within 60 s: " + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted during redis-cli --cluster create", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(output));
        }
    }

    /** Every node as {@code 127.0.0.1:port}, comma-separated: the value for {@code redis.cluster.nodes}. Killed nodes stay in it. */
    public String nodes() {
        return servers.stream().map(server -> address(server).toString()).collect(Collectors.joining(","));
    }

    /** Every node, in start order; killed nodes stay in it. */
    public Set<HostAndPort> nodeAddresses() {
        return servers.stream().map(RedisCluster::address).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The process ids of every node, for a test that checks {@link #close()} left none running. */
    public List<Long> pids() {
        return servers.stream().map(RedisServer::pid).toList();
    }

    /** The current primaries that serve slots, as the cluster sees them now. */
    public List<HostAndPort> primaries() {
        return view().servingPrimaries().stream().map(ClusterView.Node::address).toList();
    }

    /** The current live replicas. */
    public List<HostAndPort> replicas() {
        return view().liveReplicas().stream().map(ClusterView.Node::address).toList();
    }

    /** The hash slot of {@code key}, as the server computes it ({@code CLUSTER KEYSLOT}). */
    public int slotOf(String key) {
        try (Jedis node = connect(address(liveServers().get(0)))) {
            return (int) node.clusterKeySlot(key);
        }
    }

    /** The primary that serves the slot of {@code key} now. */
    public HostAndPort primaryOf(String key) {
        int slot = slotOf(key);
        return view().primaryOf(slot).map(ClusterView.Node::address)
                .orElseThrow(() -> new IllegalStateException("no live primary serves slot " + slot + ":\n" + describe()));
    }

    /** A live replica of {@code primary}. */
    public HostAndPort replicaOf(HostAndPort primary) {
        ClusterView view = view();
        ClusterView.Node node = view.at(primary).filter(ClusterView.Node::isServingPrimary)
                .orElseThrow(() -> new IllegalArgumentException(primary + " is not a serving primary:\n" + describe()));
        return view.liveReplicasOf(node).stream().findFirst().map(ClusterView.Node::address)
                .orElseThrow(() -> new IllegalStateException(primary + " has no live replica:\n" + describe()));
    }

    /**
     * Kills (SIGKILL) the primary serving {@code key}'s slot and waits until its replica has
     * taken over on every live node; then waits until the cluster is healthy again. The killed
     * node stays down.
     */
    public Promotion killPrimaryOf(String key) {
        HostAndPort primary = primaryOf(key);
        HostAndPort replica = replicaOf(primary);
        RedisServer server = serverAt(primary);
        long started = System.nanoTime();
        server.kill();
        killed.add(server);
        return awaitPromotion(primary, replica, started);
    }

    /**
     * Sends {@code CLUSTER FAILOVER} to a replica of {@code primary} (a manual failover: the two
     * swap roles without losing writes) and waits as {@link #killPrimaryOf} does.
     */
    public Promotion failoverReplicaOf(HostAndPort primary) {
        HostAndPort replica = replicaOf(primary);
        long started = System.nanoTime();
        try (Jedis node = connect(replica)) {
            node.clusterFailover();
        }
        return awaitPromotion(primary, replica, started);
    }

    /**
     * Waits until every primary's live replicas have acknowledged its writes so far
     * ({@code WAIT}), so a test can kill a primary without losing what it wrote.
     */
    public void awaitReplication() {
        ClusterView view = view();
        for (ClusterView.Node primary : view.servingPrimaries()) {
            int replicas = view.liveReplicasOf(primary).size();
            if (replicas > 0) {
                try (Jedis node = connect(primary.address())) {
                    long acknowledged = node.waitReplicas(replicas, REPLICATION_WAIT_MILLIS);
                    if (acknowledged < replicas) {
                        throw new IllegalStateException(acknowledged + " of " + replicas + " replicas of " + primary.address()
                                + " acknowledged within " + REPLICATION_WAIT_MILLIS + " ms");
                    }
                }
            }
        }
    }

    /** The client settings of the harness (the password, 2 s timeouts), for a test's own clients. */
    public JedisClientConfig clientConfig() {
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder().password(password)
                .connectionTimeoutMillis(ADMIN_TIMEOUT_MILLIS).socketTimeoutMillis(ADMIN_TIMEOUT_MILLIS);
        return (tls == null ? builder : tls.onClient(builder)).build();
    }

    /** A plain connection to one node, logged in; close it. */
    public Jedis connect(HostAndPort node) {
        return new Jedis(node, clientConfig());
    }

    private Promotion awaitPromotion(HostAndPort former, HostAndPort candidate, long startedNanos) {
        Await.until(PROMOTION_BOUND, "promotion of " + candidate + " in place of " + former,
                () -> everyLiveNodeNames(candidate), this::describe);
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        awaitHealthy("healthy cluster after the promotion of " + candidate);
        return new Promotion(former, candidate, took);
    }

    private boolean everyLiveNodeNames(HostAndPort primary) {
        for (RedisServer server : liveServers()) {
            try (Jedis node = connect(address(server))) {
                boolean names = ClusterView.parse(node.clusterNodes()).at(primary).map(ClusterView.Node::isServingPrimary).orElse(false);
                if (!names || !servesAllSlots(node)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void awaitHealthy(String what) {
        Await.until(START_BOUND, what, this::healthy, this::describe);
    }

    private boolean healthy() {
        List<RedisServer> live = liveServers();
        String agreedRoles = null;
        for (RedisServer server : live) {
            try (Jedis node = connect(address(server))) {
                if (!servesAllSlots(node)) {
                    return false;
                }
                ClusterView view = ClusterView.parse(node.clusterNodes());
                String roles = view.roles();
                boolean complete = view.servingPrimaries().size() == SHARDS && view.liveReplicas().size() == live.size() - SHARDS;
                if (!complete || (agreedRoles != null && !agreedRoles.equals(roles))) {
                    return false;
                }
                agreedRoles = roles;
                boolean replica = view.myself().map(ClusterView.Node::isLiveReplica).orElse(false);
                if (replica && !node.info("replication").contains("master_link_status:up")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean servesAllSlots(Jedis node) {
        String info = node.clusterInfo();
        return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:" + SLOTS);
    }

    private ClusterView view() {
        try (Jedis node = connect(address(liveServers().get(0)))) {
            return ClusterView.parse(node.clusterNodes());
        }
    }

    private List<RedisServer> liveServers() {
        return servers.stream().filter(server -> !killed.contains(server)).toList();
    }

    private RedisServer serverAt(HostAndPort address) {
        return servers.stream().filter(server -> address(server).equals(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(address + " is not a node of this cluster"));
    }

    private static HostAndPort address(RedisServer server) {
        return new HostAndPort(server.host(), server.port());
    }

    /** Each node's CLUSTER NODES and the end of its log, for a failure message (no password in either). */
    private String describe() {
        StringBuilder text = new StringBuilder();
        for (RedisServer server : servers) {
            text.append("--- node ").append(address(server)).append(killed.contains(server) ? " (killed)\n" : "\n");
            if (!killed.contains(server)) {
                try (Jedis node = connect(address(server))) {
                    text.append(node.clusterNodes());
                } catch (RuntimeException e) {
                    text.append("CLUSTER NODES failed: ").append(e).append('\n');
                }
            }
            List<String> log = server.log().lines().toList();
            log.subList(Math.max(0, log.size() - LOG_LINES_ON_FAILURE), log.size()).forEach(line -> text.append("  | ").append(line).append('\n'));
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (RedisServer server : servers) {
            server.close();
        }
    }
}
