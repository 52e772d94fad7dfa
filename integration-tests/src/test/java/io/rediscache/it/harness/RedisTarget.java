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
    private volatile boolean usersCreated;

    RedisTarget(String url, AutoCloseable owner) {
        this.url = url;
        this.owner = owner;
        this.client = new JedisPooled(URI.create(url));
    }

    /** The server, as its administrator: for the test's own checks and the applications' own clients. */
    public String url() {
        return url;
    }

    /**
     * The {@code redis.url} to give an agent of {@code namespace}: {@link #url()}, or with
     * {@code -Dit.redis.acl=true} the URL of an ACL user allowed only what the README's ACL line
     * allows (see {@link RedisAcl}).
     *
     * @param sharedKeys key patterns the application uses through {@code Cache.shared()}
     */
    public String agentUrl(String namespace, String... sharedKeys) {
        if (!RedisAcl.enabled()) {
            return url;
        }
        usersCreated = true;
        return RedisAcl.createUser(url, namespace, sharedKeys);
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
        try {
            if (usersCreated) {
                RedisAcl.assertNoRefusals(url);
            }
        } finally {
            closeClientAndServer();
        }
    }

    private void closeClientAndServer() throws Exception {
        client.close();
        if (owner != null) {
            owner.close();
        }
    }
}
