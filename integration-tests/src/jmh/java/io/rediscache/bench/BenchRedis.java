package io.rediscache.bench;

import java.time.Duration;

import io.rediscache.agent.shaded.redis.clients.jedis.ConnectionPoolConfig;
import io.rediscache.agent.shaded.redis.clients.jedis.DefaultJedisClientConfig;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * The benchmarks' own Redis client, built like the agent's {@code RedisStore} builds its
 * client with default settings (same pool size and waits, same timeouts), from the very same
 * Jedis classes: the relocated copy inside the agent jar. That makes the floor benchmark differ
 * from the agent's hit path only by what the agent adds, not by a Jedis version or pool.
 */
final class BenchRedis {

    /** System property naming the benchmark's Redis, set by {@link BenchmarkMain} on every fork. */
    static final String URL_PROPERTY = "bench.redis.url";

    private BenchRedis() {
    }

    static RedisClient client() {
        int port = port();
        DefaultJedisClientConfig clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(250)
                .socketTimeoutMillis(200)
                .clientName("redis-cache-bench")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(16);
        pool.setMaxIdle(16);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(Duration.ofMillis(200));
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

    /** How many times Redis executed {@code command} so far ({@code INFO commandstats}). */
    static long calls(RedisClient client, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : client.info("commandstats").split("\r?\n")) {
            if (line.startsWith(prefix)) {
                int end = line.indexOf(',', prefix.length());
                return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
            }
        }
        return 0;
    }
}
