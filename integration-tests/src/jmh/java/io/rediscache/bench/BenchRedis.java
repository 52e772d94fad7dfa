package io.rediscache.bench;

import java.time.Duration;

import io.rediscache.agent.shaded.redis.clients.jedis.ConnectionPoolConfig;
import io.rediscache.agent.shaded.redis.clients.jedis.DefaultJedisClientConfig;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The benchmarks' own Redis client, built like the agent's {@code RedisStore} builds its
 * client with default settings (same pool size and waits, same timeouts), from the very same
 * Jedis classes: the relocated copy inside the agent jar. That makes the floor benchmark differ
 * from the agent's hit path only by what the agent adds, not by a Jedis version or pool.
 */
final class BenchRedis {

    /** System property naming the benchmark's Redis, set by {@link BenchmarkMain} on every fork. */
    static final String URL_PROPERTY = "bench.redis.url";
    /**
     * System property naming, instead, the primaries of the benchmark's Redis Cluster
     * ({@code 127.0.0.1:port,127.0.0.1:port,…}), set on the forks of part {@code cluster} whose agent
     * uses it: their checks sum Redis's counters over these nodes ({@link CommandCounters}).
     */
    static final String NODES_PROPERTY = "bench.redis.nodes";

    private BenchRedis() {
    }

    static RedisClient client() {
        return client(16, 200);
    }

    /**
     * As {@link #client()}, with a pool of {@code poolSize} connections (the agent's
     * {@code redis.pool.size}) and {@code waitMillis} as the socket timeout and the longest wait
     * for a pooled connection (the agent's {@code redis.timeout.socket} and {@code redis.pool.wait}).
     */
    static RedisClient client(int poolSize, int waitMillis) {
        return client(port(), poolSize, waitMillis);
    }

    /** As {@link #client(int, int)}, to the loopback Redis on {@code port} (one node of the benchmark's cluster). */
    static RedisClient client(int port, int poolSize, int waitMillis) {
        DefaultJedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250)
                .socketTimeoutMillis(waitMillis)
                .clientName("redis-cache-bench")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(waitMillis));
        pool.setJmxEnabled(false);
        return RedisClient.builder()
                .hostAndPort("127.0.0.1", port)
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    /** The port of the benchmark's own loopback Redis (host 127.0.0.1). */
    static int port() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || !url.startsWith("redis://127.0.0.1:")) {
            throw new IllegalStateException("-D" + URL_PROPERTY + " must name the benchmark's own loopback Redis;"
                    + " run the benchmarks through BenchmarkMain (see integration-tests/bench.sh), got " + url);
        }
        String hostPort = url.substring("redis://".length()).replaceAll("/.*$", "");
        return Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
    }

    /**
     * How many times Redis executed {@code command} so far ({@code INFO commandstats}). Asked up
     * to three times: a check must not fail because a loaded machine delayed one reply past the
     * client's socket timeout (reading a counter twice changes nothing).
     */
    static long calls(RedisClient client, String command) {
        String info;
        try {
            info = client.info("commandstats");
        } catch (JedisConnectionException first) {
            try {
                info = client.info("commandstats");
            } catch (JedisConnectionException second) {
                info = client.info("commandstats");
            }
        }
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                int end = line.indexOf(',', prefix.length());
                return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
            }
        }
        return 0;
    }
}
