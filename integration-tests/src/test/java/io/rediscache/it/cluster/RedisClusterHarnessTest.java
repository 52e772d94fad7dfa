package io.rediscache.it.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.Await;
import io.rediscache.it.harness.Promotion;
import io.rediscache.it.harness.RedisCluster;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster harness ({@link RedisCluster}) itself, proven with Jedis's own cluster client (the
 * application's Jedis 5 on this class path), before agent tests rely on it:
 * <ul>
 *   <li>1,000 keys written through the client are read back, and every primary holds some;</li>
 *   <li>with a password, every node refuses a client without it;</li>
 *   <li>after a SIGKILL of the primary of a key, the harness reports its replica promoted within
 *       15 s (a generous bound: the node timeout is 1 s), the cluster names the replica as the
 *       key's primary, the client works again within 20 s, and no key is lost (the test waited for
 *       the replicas to acknowledge them before the kill);</li>
 *   <li>{@code CLUSTER FAILOVER} swaps a primary and its replica, and the client follows;</li>
 *   <li>{@code close()} leaves none of the cluster's processes running.</li>
 * </ul>
 * Start and promotion times are printed to the test's output file.
 */
class RedisClusterHarnessTest {

    private static final int KEYS = 1000;
    private static final Duration PROMOTION_BOUND = Duration.ofSeconds(15);
    private static final Duration CLIENT_RECOVERY_BOUND = Duration.ofSeconds(20);
    private static final int CLIENT_MAX_ATTEMPTS = 5;
    private static final Duration CLIENT_RETRIES_DURATION = Duration.ofSeconds(2);

    @Test
    void killedPrimaryIsReplacedByItsReplicaWithoutLosingKeys() {
        String password = UUID.randomUUID().toString();
        List<Long> pids;
        long startNanos = System.nanoTime();
        try (RedisCluster cluster = RedisCluster.startWithPassword(password)) {
            pids = cluster.pids();
            System.out.printf("cluster with password started in %d ms: %s%n", millisSince(startNanos), cluster.nodes());
            try (JedisCluster client = clientOf(cluster)) {
                writeAndReadBack(client, "before");
                assertEveryPrimaryHoldsSome(cluster);
                for (HostAndPort node : cluster.nodeAddresses()) {
                    try (Jedis anonymous = new Jedis(node)) {
                        JedisDataException refused = assertThrows(JedisDataException.class, () -> anonymous.get("key-0"));
                        assertTrue(refused.getMessage().startsWith("NOAUTH"), refused.getMessage());
                    }
                }
                cluster.awaitReplication();

                HostAndPort primary = cluster.primaryOf("key-0");
                HostAndPort replica = cluster.replicaOf(primary);
                Promotion promotion = cluster.killPrimaryOf("key-0");
                System.out.printf("kill -9 of primary %s: replica %s promoted in %d ms%n",
                        primary, promotion.newPrimary(), promotion.took().toMillis());

                assertEquals(replica, promotion.newPrimary());
                assertTrue(promotion.took().compareTo(PROMOTION_BOUND) <= 0, "promotion took " + promotion.took());
                assertEquals(replica, cluster.primaryOf("key-0"));
                assertFalse(cluster.primaries().contains(primary), "the killed primary is still named a primary");
                assertEquals(3, cluster.primaries().size());

                long recoveryNanos = System.nanoTime();
                Await.untilWorks(CLIENT_RECOVERY_BOUND, () -> client.set("key-0", "after"));
                System.out.printf("client working again %d ms after the promotion was seen%n", millisSince(recoveryNanos));
                for (int i = 1; i < KEYS; i++) {
                    assertEquals("before-" + i, client.get("key-" + i), "key-" + i);
                }
                assertEquals("after", client.get("key-0"));
                writeAndReadBack(client, "later");
            }
        }
        assertNoneRunning(pids);
    }

    @Test
    void manualFailoverSwapsPrimaryAndReplica() {
        List<Long> pids;
        long startNanos = System.nanoTime();
        try (RedisCluster cluster = RedisCluster.start()) {
            pids = cluster.pids();
            System.out.printf("cluster without password started in %d ms%n", millisSince(startNanos));
            try (JedisCluster client = clientOf(cluster)) {
                writeAndReadBack(client, "before");
                HostAndPort primary = cluster.primaryOf("key-0");
                HostAndPort replica = cluster.replicaOf(primary);

                Promotion promotion = cluster.failoverReplicaOf(primary);
                System.out.printf("CLUSTER FAILOVER on replica %s of %s: promoted in %d ms%n",
                        replica, primary, promotion.took().toMillis());

                assertEquals(replica, promotion.newPrimary());
                assertTrue(promotion.took().compareTo(PROMOTION_BOUND) <= 0, "promotion took " + promotion.took());
                assertEquals(replica, cluster.primaryOf("key-0"));
                assertEquals(primary, cluster.replicaOf(replica), "the former primary replicates the new one");
                Await.untilWorks(CLIENT_RECOVERY_BOUND, () -> client.set("key-0", "after"));
                assertEquals("after", client.get("key-0"));
                for (int i = 1; i < KEYS; i++) {
                    assertEquals("before-" + i, client.get("key-" + i), "key-" + i);
                }
            }
        }
        assertNoneRunning(pids);
    }

    private static JedisCluster clientOf(RedisCluster cluster) {
        return new JedisCluster(cluster.nodeAddresses(), cluster.clientConfig(), CLIENT_MAX_ATTEMPTS, CLIENT_RETRIES_DURATION);
    }

    private static void writeAndReadBack(JedisCluster client, String prefix) {
        for (int i = 0; i < KEYS; i++) {
            client.set("key-" + i, prefix + "-" + i);
        }
        for (int i = 0; i < KEYS; i++) {
            assertEquals(prefix + "-" + i, client.get("key-" + i), "key-" + i);
        }
    }

    private static void assertEveryPrimaryHoldsSome(RedisCluster cluster) {
        List<HostAndPort> primaries = cluster.primaries();
        assertEquals(3, primaries.size(), "primaries: " + primaries);
        List<Long> counts = new ArrayList<>();
        for (HostAndPort primary : primaries) {
            try (Jedis node = cluster.connect(primary)) {
                counts.add(node.dbSize());
            }
        }
        System.out.println("keys per primary: " + counts);
        assertTrue(counts.stream().allMatch(count -> count > 0), "keys per primary: " + counts);
        assertEquals(KEYS, counts.stream().mapToLong(Long::longValue).sum(), "keys per primary: " + counts);
    }

    private static void assertNoneRunning(List<Long> pids) {
        assertEquals(6, pids.size());
        Await.assertNoneAlive(pids);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
