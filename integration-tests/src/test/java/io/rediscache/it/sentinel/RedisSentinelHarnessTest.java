package io.rediscache.it.sentinel;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.Await;
import io.rediscache.it.harness.Promotion;
import io.rediscache.it.harness.RedisSentinelGroup;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.exceptions.JedisDataException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Sentinel harness ({@link RedisSentinelGroup}) itself, proven with Jedis's own
 * Sentinel-aware client ({@link JedisSentineled}, the application's Jedis 5 on this class path),
 * before agent tests rely on it:
 * <ul>
 *   <li>the client finds the primary through the Sentinels and writes and reads through it;</li>
 *   <li>with passwords, the data nodes and the Sentinels each refuse a client without theirs;</li>
 *   <li>after a SIGKILL of the primary, the harness reports the replica promoted within 15 s (a
 *       generous bound: the Sentinels call a primary down after 1 s), the Sentinels name it, the
 *       client follows it within 20 s, and no key is lost (the test waited for the replica to
 *       acknowledge them before the kill);</li>
 *   <li>{@code close()} leaves none of the group's processes running.</li>
 * </ul>
 * Start and promotion times are printed to the test's output file.
 */
class RedisSentinelHarnessTest {

    private static final int KEYS = 100;
    private static final Duration PROMOTION_BOUND = Duration.ofSeconds(15);
    private static final Duration CLIENT_RECOVERY_BOUND = Duration.ofSeconds(20);

    @Test
    void killedPrimaryIsReplacedAndTheClientFollows() {
        String dataPassword = UUID.randomUUID().toString();
        String sentinelPassword = UUID.randomUUID().toString();
        List<Long> pids;
        long startNanos = System.nanoTime();
        try (RedisSentinelGroup group = RedisSentinelGroup.startWithPasswords(dataPassword, sentinelPassword)) {
            pids = group.pids();
            System.out.printf("Sentinel group with passwords started in %d ms: sentinels %s%n", millisSince(startNanos), group.sentinelNodes());
            HostAndPort primary = group.primary();
            assertRefusedWithoutPassword(primary, jedis -> jedis.get("key-0"));
            for (HostAndPort sentinel : group.sentinelAddresses()) {
                assertRefusedWithoutPassword(sentinel, jedis -> jedis.sentinelGetMasterAddrByName(group.masterName()));
            }
            try (JedisSentineled client = clientOf(group)) {
                assertEquals(primary, client.getCurrentMaster());
                writeAndReadBack(client, "before");
                group.awaitReplication();

                Promotion promotion = group.killPrimary();
                System.out.printf("kill -9 of primary %s: replica %s promoted in %d ms%n",
                        primary, promotion.newPrimary(), promotion.took().toMillis());

                assertEquals(primary, promotion.formerPrimary());
                assertNotEquals(primary, promotion.newPrimary());
                assertEquals(promotion.newPrimary(), group.primary());
                assertTrue(promotion.took().compareTo(PROMOTION_BOUND) <= 0, "promotion took " + promotion.took());

                long recoveryNanos = System.nanoTime();
                Await.untilWorks(CLIENT_RECOVERY_BOUND, () -> client.set("key-0", "after"));
                System.out.printf("client working again %d ms after the promotion was seen%n", millisSince(recoveryNanos));
                assertEquals(promotion.newPrimary(), client.getCurrentMaster());
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
    void withoutPasswordsTheClientFindsThePrimary() {
        List<Long> pids;
        long startNanos = System.nanoTime();
        try (RedisSentinelGroup group = RedisSentinelGroup.start()) {
            pids = group.pids();
            System.out.printf("Sentinel group without passwords started in %d ms%n", millisSince(startNanos));
            try (JedisSentineled client = clientOf(group)) {
                assertEquals(group.primary(), client.getCurrentMaster());
                writeAndReadBack(client, "plain");
            }
        }
        assertNoneRunning(pids);
    }

    private static JedisSentineled clientOf(RedisSentinelGroup group) {
        return new JedisSentineled(group.masterName(), group.dataClientConfig(), group.sentinelAddresses(), group.sentinelClientConfig());
    }

    private interface Command {
        Object run(Jedis jedis);
    }

    private static void assertRefusedWithoutPassword(HostAndPort node, Command command) {
        try (Jedis anonymous = new Jedis(node)) {
            JedisDataException refused = assertThrows(JedisDataException.class, () -> command.run(anonymous));
            assertTrue(refused.getMessage().startsWith("NOAUTH"), node + ": " + refused.getMessage());
        }
    }

    private static void writeAndReadBack(JedisSentineled client, String prefix) {
        for (int i = 0; i < KEYS; i++) {
            client.set("key-" + i, prefix + "-" + i);
        }
        for (int i = 0; i < KEYS; i++) {
            assertEquals(prefix + "-" + i, client.get("key-" + i), "key-" + i);
        }
    }

    private static void assertNoneRunning(List<Long> pids) {
        assertEquals(5, pids.size());
        Await.assertNoneAlive(pids);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
