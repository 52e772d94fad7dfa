package io.rediscache.it.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.locks.CommandMonitor;
import io.rediscache.it.locks.ReplicaAckApp;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lock.replicas} on Redis Cluster (3 primaries with a replica each) and on Sentinel (a
 * primary and a replica): with {@code lock.replicas=1} every acquisition is acknowledged, and its
 * {@code WAIT} reaches the node that holds the lock key, on the connection that sent the
 * acquiring script (watched with {@code MONITOR} on every primary); asking for 2 replicas of
 * primaries that have one fails closed. Forked JVMs with the real agent jar.
 */
class LockReplicasTopologyTest {

    private static final int THREADS = 4;
    private static final int CALLS = 10;

    @Test
    void onTheCluster() throws Exception {
        String password = "cl-" + UUID.randomUUID();
        try (RedisCluster cluster = RedisCluster.startWithPassword(password)) {
            cluster.awaitReplication();
            check(jvm -> jvm.set("redis.cluster.nodes", cluster.nodes()).set("redis.password", password),
                    cluster.primaries(), cluster::connect, key -> cluster.primaryOf(key));
        }
    }

    @Test
    void onSentinel() throws Exception {
        String dataPassword = "data-" + UUID.randomUUID();
        String sentinelPassword = "sent-" + UUID.randomUUID();
        try (RedisSentinelGroup group = RedisSentinelGroup.startWithPasswords(dataPassword, sentinelPassword)) {
            group.awaitReplication();
            check(jvm -> jvm.set("redis.sentinel.nodes", group.sentinelNodes()).set("redis.sentinel.master", group.masterName())
                            .set("redis.password", dataPassword).set("redis.sentinel.password", sentinelPassword),
                    List.of(group.primary()), group::connectData, key -> group.primary());
        }
    }

    private static void check(Function<ForkedJvm, ForkedJvm> deployment, List<HostAndPort> primaries,
            Function<HostAndPort, Jedis> connect, Function<String, HostAndPort> nodeOf) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("acked");
        List<Jedis> monitored = new ArrayList<>();
        for (HostAndPort primary : primaries) {
            monitored.add(connect.apply(primary));
        }
        ForkedJvm.Result run;
        List<String> waits;
        try (CommandMonitor monitor = new CommandMonitor(monitored)) {
            run = agent(deployment, namespace, "1").run(ReplicaAckApp.class, namespace, Integer.toString(THREADS),
                    Integer.toString(CALLS)).assertSucceeded();
            waits = monitor.waitsWithTheirPredecessor();
        }
        assertEquals(THREADS * CALLS, run.getLong("calls.ok"), run.describe());
        assertEquals(0, run.getLong("calls.failed"), run.get("calls.firstFailure"));
        assertEquals(0, run.getLong("calls.fencesOutOfOrder"));
        assertEquals("returned:true", run.get("api"), run.describe());
        assertEquals(THREADS * CALLS + 1, waits.size(), "one WAIT per acquisition, on a primary: " + waits);
        for (String wait : waits) {
            String after = "WAIT 1 100 after ";
            assertTrue(wait.startsWith(after) && CommandMonitor.isAcquire(wait.substring(after.length())),
                    "WAIT must follow the acquiring script on its own node and connection: " + wait);
        }
        assertNoLockKeys(namespace, connect, nodeOf);

        ForkedJvm.Result refused = agent(deployment, namespace, "2").run(ReplicaAckApp.class, namespace, "1", "2")
                .assertSucceeded();
        assertEquals(0, refused.getLong("body.ran"), refused.describe());
        assertEquals(2, refused.getLong("calls.failed"), refused.describe());
        String failure = refused.get("calls.firstFailure");
        assertTrue(failure.startsWith("io.rediscache.LockUnavailableException: ")
                && failure.contains("lock.replicas=2 replicas had to acknowledge") && failure.contains(" and 1 did;"), failure);
        assertTrue(refused.getLong("calls.slowestMillis") <= 100 + 500, "bounded: " + refused.get("calls.slowestMillis"));
        assertNoLockKeys(namespace, connect, nodeOf);
    }

    private static ForkedJvm agent(Function<ForkedJvm, ForkedJvm> deployment, String namespace, String replicas) {
        return deployment.apply(ForkedJvm.withAgent()).set("cache.namespace", namespace)
                .set("lock.replicas", replicas).set("lock.replicas.timeout", "100ms");
    }

    private static void assertNoLockKeys(String namespace, Function<HostAndPort, Jedis> connect,
            Function<String, HostAndPort> nodeOf) {
        List<String> names = new ArrayList<>(List.of("acked_api"));
        for (int t = 0; t < THREADS; t++) {
            names.add("acked_t" + t);
        }
        for (String name : names) {
            String key = namespace + "|lock|{" + name + "}";
            try (Jedis node = connect.apply(nodeOf.apply(key))) {
                assertEquals(false, node.exists(key), "no lock key left: " + key);
                assertTrue(node.exists(key + "|fence"), "its fence counter is on the same node: " + key);
            }
        }
    }
}
