package io.rediscache.it.harness;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

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

    /** The keys matching a glob {@code pattern}, sorted, read with {@code SCAN} as an operator would (never {@code KEYS}). */
    public static List<String> keys(JedisPooled client, String pattern) {
        ScanParams params = new ScanParams().match(pattern).count(1000);
        Set<String> found = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return List.copyOf(found);
    }

    /** {@link #keys(JedisPooled, String)} on this target. */
    public List<String> keys(String pattern) {
        return keys(client, pattern);
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
