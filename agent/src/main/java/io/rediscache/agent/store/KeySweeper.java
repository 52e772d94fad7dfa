package io.rediscache.agent.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.Pool;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Removes keys by pattern without blocking Redis: {@code SCAN … MATCH … COUNT 500} walks the
 * keyspace in small steps and each step's matches go in one {@code UNLINK} (memory is freed
 * off Redis's main thread). No step holds Redis for more than a few milliseconds, whatever the
 * number of keys, and other clients' commands run between the steps. Never {@code KEYS}.
 *
 * <p>On a Redis Cluster the walk runs on every primary in turn (a node's {@code SCAN} sees only
 * its own keys), on a connection to that node, and a step's matches are unlinked slot by slot
 * (a multi-key command must stay in one slot).
 *
 * <p>Sweeps after a cache clear run on one background thread, one at a time: the clear itself
 * is already done (a new generation), the sweep only gives the memory back early.
 */
public final class KeySweeper {

    private static final Logger LOG = LoggerFactory.getLogger(KeySweeper.class);
    static final int STEP = 500;
    /** Between two steps of a background sweep: room for other clients' commands on a busy server. */
    private static final long PAUSE_MILLIS = 1;

    private final RedisConnection connection;
    private final ConcurrentHashMap<String, String> latestKeep = new ConcurrentHashMap<>();
    private final ExecutorService background = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<Runnable>(), DaemonThreads.named("sweeper"));

    KeySweeper(RedisConnection connection) {
        this.connection = connection;
    }

    /**
     * Deletes the keys that start with {@code prefix} but not with {@code keep}.
     *
     * @return how many keys were deleted
     */
    long sweep(String prefix, String keep) throws StoreException {
        return sweepPattern(escapeGlob(prefix) + "*", keep, PAUSE_MILLIS);
    }

    /** Deletes every key matching the Redis glob {@code pattern}, now. @return how many */
    long sweepMatching(String pattern) throws StoreException {
        return sweepPattern(pattern, null, 0);
    }

    private long sweepPattern(String pattern, String keep, long pauseMillis) throws StoreException {
        Map<String, ? extends Pool<Connection>> primaries = connection.clusterPrimaries();
        if (primaries == null) {
            final UnifiedJedis client = connection.client();
            return sweepNode(new Node() {
                @Override
                public ScanResult<String> scan(String cursor, ScanParams params) {
                    return client.scan(cursor, params);
                }

                @Override
                public long unlink(List<String> keys) {
                    return client.unlink(keys.toArray(new String[0]));
                }
            }, pattern, keep, pauseMillis);
        }
        long deleted = 0;
        for (Pool<Connection> pool : primaries.values()) {
            try (Connection nodeConnection = pool.getResource()) {
                final Jedis node = new Jedis(nodeConnection);
                deleted += sweepNode(new Node() {
                    @Override
                    public ScanResult<String> scan(String cursor, ScanParams params) {
                        return node.scan(cursor, params);
                    }

                    @Override
                    public long unlink(List<String> keys) {
                        Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
                        for (String key : keys) {
                            bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(key), slot -> new ArrayList<>()).add(key);
                        }
                        long unlinked = 0;
                        for (List<String> sameSlot : bySlot.values()) {
                            unlinked += node.unlink(sameSlot.toArray(new String[0]));
                        }
                        return unlinked;
                    }
                }, pattern, keep, pauseMillis);
            }
        }
        return deleted;
    }

    /** Where a walk runs: the one server, or one primary of a cluster. */
    private interface Node {
        ScanResult<String> scan(String cursor, ScanParams params);

        long unlink(List<String> keys);
    }

    private static long sweepNode(Node client, String pattern, String keep, long pauseMillis) {
        ScanParams params = new ScanParams().match(pattern).count(STEP);
        String cursor = ScanParams.SCAN_POINTER_START;
        long deleted = 0;
        do {
            ScanResult<String> page = client.scan(cursor, params);
            List<String> doomed = new ArrayList<>();
            for (String key : page.getResult()) {
                if (keep == null || !key.startsWith(keep)) {
                    doomed.add(key);
                }
            }
            if (!doomed.isEmpty()) {
                deleted += client.unlink(doomed);
            }
            cursor = page.getCursor();
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return deleted;
    }

    /**
     * {@link #sweep} on the background thread; a failure only leaves keys to expire by their TTL.
     * Sweeps of one prefix queued behind each other collapse into one, with the latest
     * {@code keep}: clearing a cache ten times in a row walks the keyspace once, not ten times.
     */
    void sweepInBackground(final String prefix, final String keep, final String what) {
        if (latestKeep.put(prefix, keep) != null) {
            return; // a sweep of this prefix is queued and will use the new keep
        }
        background.execute(() -> {
            String keepNow = latestKeep.remove(prefix);
            long started = System.nanoTime();
            try {
                long deleted = sweep(prefix, keepNow);
                LOG.info("Removed {} old entries of {} in {} ms (SCAN and UNLINK in steps of {}, after a clear).", deleted,
                        what, (System.nanoTime() - started) / 1_000_000, STEP);
            } catch (RuntimeException | StoreException e) {
                LOG.info("Could not remove the old entries of {} ({}); they are never read again and expire by"
                        + " their TTL.", what, e.toString());
            }
        });
    }

    /** Makes every character of {@code text} literal in a Redis glob pattern. */
    public static String escapeGlob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
