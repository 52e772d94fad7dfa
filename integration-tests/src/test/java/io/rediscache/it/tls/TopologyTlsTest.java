package io.rediscache.it.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.RedisTls;
import io.rediscache.it.harness.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code redis.tls=true} with a Redis Cluster and with Sentinel whose servers speak TLS only
 * (to clients and to each other), with passwords, their certificate from a test CA naming
 * 127.0.0.1: with the CA as {@code redis.tls.ca} cached methods hit, locks and the {@code Cache}
 * API work, and the entries are in the TLS servers; with another CA the agent is refused: cached
 * methods run uncached and correct, {@code @Locked} fails closed, and the log names the TLS
 * handshake once, without a password.
 */
class TopologyTlsTest {

    private static final String PASSWORD = "topology-tls-pass-4d2";
    private static final String SENTINEL_PASSWORD = "sentinel-tls-pass-8b1";
    private static final List<String> SECRETS = List.of(PASSWORD, SENTINEL_PASSWORD);

    private static RedisTls tls;
    private static Path otherCaFile;
    private static RedisCluster cluster;
    private static RedisSentinelGroup sentinel;

    @BeforeAll
    static void startTlsDeployments() throws Exception {
        Path directory = Files.createTempDirectory("topology-tls-it");
        tls = RedisTls.issue(directory);
        otherCaFile = TestCertificates.newAuthority("some other CA").writeCertificate(directory.resolve("other-ca.pem"));
        cluster = RedisCluster.startTls(PASSWORD, tls);
        sentinel = RedisSentinelGroup.startTls(PASSWORD, SENTINEL_PASSWORD, tls);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (sentinel != null) {
            sentinel.close();
        }
    }

    @Test
    void aClusterOverTlsCachesLocksAndKeepsTheEntriesInItsNodes() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("cluster-tls");
        ForkedJvm.Result run = TlsRuns.runOnceConnected(onCluster(namespace).set("redis.tls.ca", tls.caFile().toString()));

        TlsRuns.assertWorked(run, SECRETS);
        assertTrue(run.stderr().contains("use TLS, trusting 1 CA certificate(s) of " + tls.caFile()), run.stderr());
        assertTrue(run.stderr().contains("backend Redis cluster ****@" + cluster.nodes() + " (TLS)"), run.stderr());
        int quotes = 0;
        boolean greeting = false;
        for (HostAndPort primary : cluster.primaries()) {
            try (Jedis node = cluster.connect(primary)) {
                quotes += node.keys(namespace + "|quotes|*").size();
                greeting |= !node.keys(namespace + "|#value|greeting").isEmpty(); // KEYS: no MOVED from the other primaries
            }
        }
        assertEquals(2, quotes, "the two entries are in the cluster's primaries");
        assertTrue(greeting, "the Cache API's value is in the cluster");
    }

    @Test
    void sentinelOverTlsCachesLocksAndKeepsTheEntriesInThePrimary() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("sentinel-tls");
        ForkedJvm.Result run = TlsRuns.runOnceConnected(onSentinel(namespace).set("redis.tls.ca", tls.caFile().toString()));

        TlsRuns.assertWorked(run, SECRETS);
        assertTrue(run.stderr().contains("backend Redis sentinel master '" + sentinel.masterName() + "' ****@via "
                + sentinel.sentinelNodes() + " (TLS)"), run.stderr());
        try (Jedis primary = sentinel.connectData(sentinel.primary())) {
            assertEquals(2, primary.keys(namespace + "|quotes|*").size(), "the two entries are in the primary");
            assertTrue(primary.exists(namespace + "|#value|greeting"));
        }
    }

    @Test
    void aClusterWhoseCertificateIsOfAnotherCaIsRefused() throws Exception {
        ForkedJvm.Result run = onCluster(RedisTarget.uniqueNamespace("cluster-tls-wrong-ca"))
                .set("redis.tls.ca", otherCaFile.toString())
                .run(TlsApp.class).assertSucceeded();

        TlsRuns.assertRefused(run, SECRETS);
        assertTrue(run.stderr().contains("each node's certificate must name the host it is reached at"), run.stderr());
    }

    @Test
    void sentinelsWhoseCertificateIsOfAnotherCaAreRefused() throws Exception {
        ForkedJvm.Result run = onSentinel(RedisTarget.uniqueNamespace("sentinel-tls-wrong-ca"))
                .set("redis.tls.ca", otherCaFile.toString())
                .run(TlsApp.class).assertSucceeded();

        TlsRuns.assertRefused(run, SECRETS);
    }

    private static ForkedJvm onCluster(String namespace) {
        return ForkedJvm.withAgent().set("redis.cluster.nodes", cluster.nodes()).set("redis.password", PASSWORD)
                .set("redis.tls", "true").set("cache.namespace", namespace).set("lock.wait", "0s");
    }

    private static ForkedJvm onSentinel(String namespace) {
        return ForkedJvm.withAgent().set("redis.sentinel.nodes", sentinel.sentinelNodes())
                .set("redis.sentinel.master", sentinel.masterName()).set("redis.password", PASSWORD)
                .set("redis.sentinel.password", SENTINEL_PASSWORD)
                .set("redis.tls", "true").set("cache.namespace", namespace).set("lock.wait", "0s");
    }
}
