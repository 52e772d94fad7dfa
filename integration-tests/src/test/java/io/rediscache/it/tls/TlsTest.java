package io.rediscache.it.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent over TLS ({@code rediss://}) to {@code redis-server}s that speak only TLS, with
 * certificates from a test CA made in Java ({@link TestCertificates}): with the CA as
 * {@code redis.tls.ca} (or in a trust store) cached methods hit, locks and the {@code Cache} API
 * work; a server certificate that does not name the host, or one signed by another CA, is
 * refused: cached methods then run uncached and correct, {@code @Locked} throws
 * {@code LockUnavailableException} without running the body, and the log says it was the TLS
 * handshake, without the Redis password or the trust store's.
 */
class TlsTest {

    private static final String REDIS_PASSWORD = "redis-pass-canary-7f3";
    private static final String STORE_PASSWORD = "store-pass-canary-9c1";
    private static final List<String> SECRETS = List.of(REDIS_PASSWORD, STORE_PASSWORD);

    private static Path directory;
    private static Path caFile;
    private static Path otherCaFile;
    private static Path trustStore;
    private static SSLSocketFactory clientSockets;
    private static RedisServer server;
    private static RedisServer misnamedServer;

    @BeforeAll
    static void startTlsServers() throws Exception {
        directory = Files.createTempDirectory("tls-it");
        TestCertificates ca = TestCertificates.newAuthority("redis-cache-agent test CA");
        caFile = ca.writeCertificate(directory.resolve("ca.pem"));
        clientSockets = ca.clientSockets();
        trustStore = ca.writeTrustStore(directory.resolve("trust.p12"), STORE_PASSWORD);
        otherCaFile = TestCertificates.newAuthority("some other CA").writeCertificate(directory.resolve("other-ca.pem"));
        TestCertificates.PemFiles named = ca.issueServer(directory, "server", "127.0.0.1", "localhost");
        TestCertificates.PemFiles misnamed = ca.issueServer(directory, "misnamed", "redis.example.internal");
        server = RedisServer.startTls(named.certificate(), named.privateKey(), caFile, "--requirepass", REDIS_PASSWORD);
        misnamedServer = RedisServer.startTls(misnamed.certificate(), misnamed.privateKey(), caFile, "--requirepass", REDIS_PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.close();
        }
        if (misnamedServer != null) {
            misnamedServer.close();
        }
    }

    @Test
    void withTheTestCaCachedMethodsHitAndLocksAndTheCacheApiWork() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("tls");
        ForkedJvm.Result run = runOnceConnected(agent(url(server, "127.0.0.1"), namespace)
                .set("redis.tls.ca", caFile.toString()));

        assertWorked(run);
        assertTrue(run.stderr().contains("use TLS, trusting 1 CA certificate(s) of " + caFile
                + "; the server's certificate must name host '127.0.0.1'"), run.stderr());
        try (JedisPooled redis = testClient()) {
            assertEquals(2, RedisTarget.keys(redis, namespace + "|quotes|*").size(), "the two entries are in the TLS server");
            assertTrue(redis.exists(namespace + "|#value|greeting"));
        }
    }

    @Test
    void aTrustStoreWorksTooAndTheDnsNameMatches() throws Exception {
        ForkedJvm.Result run = runOnceConnected(agent(url(server, "localhost"), RedisTarget.uniqueNamespace("tls-store"))
                .set("redis.tls.truststore", trustStore.toString())
                .set("redis.tls.truststore.password", STORE_PASSWORD));

        assertWorked(run);
        assertTrue(run.stderr().contains("trusting the trust store " + trustStore), run.stderr());
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        ForkedJvm.Result run = agent(url(misnamedServer, "127.0.0.1"), RedisTarget.uniqueNamespace("tls-misnamed"))
                .set("redis.tls.ca", caFile.toString())
                .run(TlsApp.class).assertSucceeded();

        assertRefused(run);
        assertTrue(run.stderr().contains("No subject alternative names matching IP address 127.0.0.1"), run.stderr());
    }

    @Test
    void withTheHostNameCheckOffACertificateNamingAnotherHostIsAcceptedAndThatIsWarnedOf() throws Exception {
        ForkedJvm.Result run = runOnceConnected(agent(url(misnamedServer, "127.0.0.1"), RedisTarget.uniqueNamespace("tls-no-host-check"))
                .set("redis.tls.ca", caFile.toString())
                .set("redis.tls.hostname.check", "false"));

        assertWorked(run);
        assertTrue(run.stderr().contains("[WARN] redis-cache-agent - redis.tls.hostname.check=false (from "), run.stderr());
        assertTrue(run.stderr().contains("; host names are not checked (redis.tls.hostname.check=false)."), run.stderr());
    }

    @Test
    void aServerCertificateOfAnotherCaIsRefused() throws Exception {
        ForkedJvm.Result run = agent(url(server, "127.0.0.1"), RedisTarget.uniqueNamespace("tls-wrong-ca"))
                .set("redis.tls.ca", otherCaFile.toString())
                .run(TlsApp.class).assertSucceeded();

        assertRefused(run);
        assertTrue(run.stderr().contains("unable to find valid certification path"), run.stderr());
    }

    private static void assertWorked(ForkedJvm.Result run) {
        TlsRuns.assertWorked(run, SECRETS);
        assertTrue(run.stderr().contains("backend Redis rediss://****@"), run.stderr());
    }

    private static void assertRefused(ForkedJvm.Result run) {
        TlsRuns.assertRefused(run, SECRETS);
    }

    private static ForkedJvm.Result runOnceConnected(ForkedJvm jvm) throws Exception {
        return TlsRuns.runOnceConnected(jvm);
    }

    private static ForkedJvm agent(String url, String namespace) {
        return ForkedJvm.withAgent().set("redis.url", url).set("cache.namespace", namespace).set("lock.wait", "0s");
    }

    private static String url(RedisServer redis, String host) {
        return "rediss://:" + REDIS_PASSWORD + "@" + host + ":" + redis.port() + "/0";
    }

    /** The test's own client of the TLS server, trusting the test CA. */
    private static JedisPooled testClient() {
        return new JedisPooled(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(clientSockets).password(REDIS_PASSWORD).build());
    }
}
