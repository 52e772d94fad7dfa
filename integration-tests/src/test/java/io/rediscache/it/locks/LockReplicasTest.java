package io.rediscache.it.locks;

import java.net.URI;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lock.replicas}: a lock's acquisition waits for replicas to acknowledge it
 * ({@code WAIT} after the acquiring script, on the same connection), and fails closed when too
 * few do within {@code lock.replicas.timeout}. A primary and one replica of its own, started
 * here; forked JVMs with the real agent (in the ACL run logged in as the README's user, which
 * must allow {@code WAIT}).
 */
class LockReplicasTest {

    private static final String LUE = "io.rediscache.LockUnavailableException";
    private static final int THREADS = 4;
    private static final int CALLS = 25;

    private static RedisServer primary;
    private static RedisServer replica;
    private static JedisPooled admin;

    @BeforeAll
    static void startPrimaryAndReplica() {
        primary = RedisServer.start();
        replica = RedisServer.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()));
        admin = new JedisPooled(URI.create(primary.url()));
        awaitReplicaOnline(primary.url());
    }

    /** Until the primary lists one replica, online (its first sync done), at most 10 s. */
    static void awaitReplicaOnline(String primaryUrl) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            String replication;
            try (Jedis jedis = new Jedis(URI.create(primaryUrl))) {
                replication = jedis.info("replication");
            }
            if (replication.contains("connected_slaves:1") && replication.contains("state=online")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica did not come online: " + replication);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @AfterAll
    static void stop() {
        try {
            RedisAcl.assertNoRefusalsWhenEnabled(primary.url());
        } finally {
            admin.close();
            replica.close();
            primary.close();
        }
    }

    @Test
    void everyAcquisitionIsOnTheReplicaBeforeTheBodyRunsAndItsWaitFollowsItOnTheSameConnection() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("acked");
        ForkedJvm.Result run;
        List<String> waits;
        try (CommandMonitor monitor = new CommandMonitor(List.of(new Jedis(URI.create(primary.url()))))) {
            run = agent(namespace, "1", "1s").run(ReplicaAckApp.class, namespace, Integer.toString(THREADS),
                    Integer.toString(CALLS), replica.url()).assertSucceeded();
            waits = monitor.waitsWithTheirPredecessor();
        }
        int calls = THREADS * CALLS;
        assertEquals(calls, run.getLong("calls.ok"), run.describe());
        assertEquals(0, run.getLong("calls.failed"), run.get("calls.firstFailure"));
        assertEquals(calls, run.getLong("body.seenOnReplica"), "WAIT 1 returned before the body: the key is on the replica");
        assertEquals(0, run.getLong("calls.fencesOutOfOrder"));
        assertEquals("returned:true", run.get("api"), "Locks.acquire waits for the replica too");
        assertEquals(calls + 1, waits.size(), "one WAIT per acquisition: " + waits);
        for (String wait : waits) {
            assertTrue(wait.startsWith("WAIT 1 1000 after ") && CommandMonitor.isAcquire(wait.substring("WAIT 1 1000 after ".length())),
                    "WAIT must follow the acquiring script on its own connection: " + wait);
        }
        assertNoLockKeys(namespace);
        System.out.printf("lock.replicas=1 with a replica: %d calls, %d on the replica inside the body, slowest %s ms%n",
                calls, run.getLong("body.seenOnReplica"), run.get("calls.slowestMillis"));
    }

    @Test
    void moreReplicasAskedThanThePrimaryHasFailsClosedWithinTheTimeout() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("acked");
        ForkedJvm.Result run = agent(namespace, "2", "200ms")
                .run(ReplicaAckApp.class, namespace, "1", "3").assertSucceeded();

        assertRefusedWithinTimeout(run, 3, "2", 1, 200);
        assertNoLockKeys(namespace);
    }

    @Test
    void aPausedReplicaFailsAcquisitionClosedWithinTheTimeout() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("acked");
        ForkedJvm.Result run;
        replica.pause();
        try {
            run = agent(namespace, "1", "300ms").run(ReplicaAckApp.class, namespace, "2", "3").assertSucceeded();
        } finally {
            replica.resume();
        }

        assertRefusedWithinTimeout(run, 6, "1", 0, 300);
        assertNoLockKeys(namespace);
        System.out.printf("lock.replicas=1, replica paused, lock.replicas.timeout=300ms: refused, slowest call %s ms%n",
                run.get("calls.slowestMillis"));
    }

    private static ForkedJvm agent(String namespace, String replicas, String timeout) {
        return ForkedJvm.withAgent()
                .set("redis.url", RedisAcl.agentUrl(primary.url(), namespace))
                .set("cache.namespace", namespace)
                .set("lock.replicas", replicas)
                .set("lock.replicas.timeout", timeout);
    }

    private static void assertRefusedWithinTimeout(ForkedJvm.Result run, int calls, String asked, int acknowledged,
            long timeoutMillis) {
        assertEquals(0, run.getLong("calls.ok"), run.describe());
        assertEquals(calls, run.getLong("calls.failed"), run.describe());
        assertEquals(0, run.getLong("body.ran"), "the body never runs without its acknowledged lock");
        String failure = run.get("calls.firstFailure");
        assertTrue(failure.startsWith(LUE + ": "), failure);
        assertTrue(failure.contains("lock 'acked_{0}' was refused"), "names the lock as written: " + failure);
        assertTrue(failure.contains("lock.replicas=" + asked + " replicas had to acknowledge"), failure);
        assertTrue(failure.contains(" and " + acknowledged + " did; it was released again"), failure);
        assertTrue(run.get("api").startsWith(LUE + ": "), "Locks.acquire is refused too: " + run.get("api"));
        long slowest = run.getLong("calls.slowestMillis");
        assertTrue(slowest >= timeoutMillis - 5 && slowest <= timeoutMillis + 500,
                "bounded by lock.replicas.timeout=" + timeoutMillis + " ms plus 500 ms: " + slowest);
    }

    private static void assertNoLockKeys(String namespace) {
        List<String> left = RedisTarget.keys(admin, namespace + "|lock|*").stream().filter(key -> !key.endsWith("|fence")).toList();
        assertEquals(List.of(), left, "no lock key is left behind");
    }
}
