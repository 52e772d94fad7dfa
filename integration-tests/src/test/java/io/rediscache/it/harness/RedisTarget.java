package io.rediscache.it.harness;

import java.net.URI;

import redis.clients.jedis.JedisPooled;

/**
 * The Redis a test class runs against: its URL for the agent, and a client for the test's own
 * checks. Tests that share a {@code REDIS_URL} server keep apart by using their own namespace
 * ({@link #uniqueNamespace}).
 */
public final class RedisTarget implements AutoCloseable {

    private final String url;
    private final JedisPooled client;
    private final AutoCloseable owner;

    RedisTarget(String url, AutoCloseable owner) {
        this.url = url;
        this.owner = owner;
        this.client = new JedisPooled(URI.create(url));
    }

    public String url() {
        return url;
    }

    /** A client of the test's own (Jedis 5, the application's version), never the agent's. */
    public JedisPooled client() {
        return client;
    }

    public static String uniqueNamespace(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (owner != null) {
            owner.close();
        }
    }
}
