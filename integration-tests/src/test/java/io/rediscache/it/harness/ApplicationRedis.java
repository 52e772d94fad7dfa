package io.rediscache.it.harness;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The forked applications' own Redis client (Jedis 5, the application's version, never the
 * agent's), for any deployment, from one command-line argument:
 * <ul>
 *   <li>{@code redis://host:port}: one server ({@link JedisPooled});</li>
 *   <li>{@code cluster:host:port,host:port,…}: Redis Cluster ({@link JedisCluster});</li>
 *   <li>{@code sentinel:master@host:port,…}: Sentinel ({@link JedisSentineled}).</li>
 * </ul>
 * Passwords never go on a command line (a process list would show them): the data nodes' from
 * environment variable {@value #PASSWORD}, the sentinels' from {@value #SENTINEL_PASSWORD}.
 */
public final class ApplicationRedis {

    public static final String PASSWORD = "IT_REDIS_PASSWORD";
    public static final String SENTINEL_PASSWORD = "IT_SENTINEL_PASSWORD";
    private static final int TIMEOUT_MILLIS = 5000;

    private ApplicationRedis() {
    }

    /** The argument for a cluster of {@code nodes} ({@code host:port,…}). */
    public static String cluster(String nodes) {
        return "cluster:" + nodes;
    }

    /** The argument for the primary {@code master} watched by {@code sentinels} ({@code host:port,…}). */
    public static String sentinel(String master, String sentinels) {
        return "sentinel:" + master + "@" + sentinels;
    }

    /** A client for {@code where} (see the class comment), with the passwords of the environment; close it. */
    public static UnifiedJedis open(String where) {
        return open(where, System.getenv(PASSWORD), System.getenv(SENTINEL_PASSWORD));
    }

    /** A client for {@code where} with these passwords ({@code null}: none); close it. */
    public static UnifiedJedis open(String where, String password, String sentinelPassword) {
        if (where.startsWith("cluster:")) {
            return new JedisCluster(addresses(where.substring("cluster:".length())), config(password));
        }
        if (where.startsWith("sentinel:")) {
            String spec = where.substring("sentinel:".length());
            int at = spec.indexOf('@');
            return new JedisSentineled(spec.substring(0, at), config(password), addresses(spec.substring(at + 1)),
                    config(sentinelPassword));
        }
        return new JedisPooled(URI.create(where));
    }

    /**
     * The keys matching a glob {@code pattern}, sorted, by {@code SCAN} on every node the client
     * knows (each primary and replica of a cluster: a key seen twice counts once).
     */
    public static List<String> keys(UnifiedJedis client, String pattern) {
        Set<String> found = new TreeSet<>();
        ScanIteration scan = client.scanIteration(1000, pattern);
        while (!scan.isIterationCompleted()) {
            found.addAll(scan.nextBatch().getResult());
        }
        return List.copyOf(found);
    }

    private static JedisClientConfig config(String password) {
        return DefaultJedisClientConfig.builder().password(password)
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS).build();
    }

    private static Set<HostAndPort> addresses(String nodes) {
        return Arrays.stream(nodes.split(",")).map(HostAndPort::from).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
