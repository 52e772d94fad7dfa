package io.rediscache.it.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
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
    private static final String UNAVAILABLE = "io.rediscache.LockUnavailableException";

    private static Path directory;
    private static Path caFile;
    private static Path otherCaFile;
    private static Path trustStore;
    private static RedisServer server;
    private static RedisServer misnamedServer;

    @BeforeAll
    static void startTlsServers() throws Exception {
        directory = Files.createTempDirectory("tls-it");
        TestCertificates ca = TestCertificates.newAuthority("redis-cache-agent test CA");
        caFile = ca.writeCertificate(directory.resolve("ca.pem"));
        trustStore = ca.writeTrustStore(directory.resolve("trust.p12"), STORE_PASSWORD);
        otherCaFile = TestCertificates.newAuthority("some other CA").writeCertificate(directory.resolve("other-ca.pem"));
        TestCertificates.ServerFiles named = ca.issueServer(directory, "server", "127.0.0.1", "localhost");
        TestCertificates.ServerFiles misnamed = ca.issueServer(directory, "misnamed", "redis.example.internal");
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
    void aServerCertificateOfAnotherCaIsRefused() throws Exception {
        ForkedJvm.Result run = agent(url(server, "127.0.0.1"), RedisTarget.uniqueNamespace("tls-wrong-ca"))
                .set("redis.tls.ca", otherCaFile.toString())
                .run(TlsApp.class).assertSucceeded();

        assertRefused(run);
        assertTrue(run.stderr().contains("unable to find valid certification path"), run.stderr());
    }

    private static void assertWorked(ForkedJvm.Result run) {
        assertEquals("quote-of-ACME,quote-of-ACME,quote-of-INIT", run.get("quote.values"), run.describe());
        assertEquals("2", run.get("quote.runs"), "the second ACME call was a hit");
        assertEquals("returned:job-done", run.get("locked"));
        assertEquals("returned:true", run.get("locks.fence"), "a Redis lock with a fencing token");
        assertEquals("hello over TLS", run.get("api.get"));
        assertTrue(run.stderr().contains("backend Redis rediss://****@"), run.stderr());
        assertNoSecrets(run);
    }

    /** Uncached and correct, locks fail closed, and the log names the TLS handshake as the reason. */
    private static void assertRefused(ForkedJvm.Result run) {
        assertEquals("quote-of-ACME,quote-of-ACME,quote-of-INIT", run.get("quote.values"), run.describe());
        assertEquals("3", run.get("quote.runs"), "every call ran the method: uncached");
        assertEquals(UNAVAILABLE, run.get("locked"), "fail closed");
        assertEquals("0", run.get("locked.runs"), "the body never ran unlocked");
        assertEquals(UNAVAILABLE, run.get("locks.fence"));
        assertEquals("null", run.get("api.get"), "Redis unreachable: the write was dropped, the read missed");
        List<String> errors = run.stderr().lines().filter(line -> line.contains("ERROR")).toList();
        assertEquals(1, errors.size(), run.stderr());
        assertTrue(errors.get(0).contains("SSLHandshakeException") && errors.get(0).contains("The TLS handshake failed"),
                errors.get(0));
        assertNoSecrets(run);
    }

    private static void assertNoSecrets(ForkedJvm.Result run) {
        for (String secret : List.of(REDIS_PASSWORD, STORE_PASSWORD)) {
            assertFalse(run.stderr().contains(secret) || run.stdout().contains(secret), "a password reached the output");
        }
    }

    /**
     * Runs {@link TlsApp} once the agent has said it is connected, so that its calls test TLS,
     * not how soon after the JVM's start the handshake is done. Calls that come before the client
     * exists run uncached, by design: the application's first call came about 300 ms after the
     * agent's start, and the TLS client, built meanwhile on the agent's connect thread, was on a
     * busy 2-core machine sometimes not ready within the 450 ms such a call waits.
     */
    private static ForkedJvm.Result runOnceConnected(ForkedJvm jvm) throws Exception {
        Path go = SteppedRun.newGoFile();
        try (SteppedRun running = SteppedRun.start(jvm, TlsApp.class, go.toString())) {
            running.awaitStderr("Connected to Redis", 30);
            SteppedRun.signal(go);
            return running.await().assertSucceeded();
        }
    }

    private static ForkedJvm agent(String url, String namespace) {
        return ForkedJvm.withAgent().set("redis.url", url).set("cache.namespace", namespace).set("lock.wait", "0s");
    }

    private static String url(RedisServer redis, String host) {
        return "rediss://:" + REDIS_PASSWORD + "@" + host + ":" + redis.port() + "/0";
    }

    /** The test's own client of the TLS server, trusting the test CA. */
    private static JedisPooled testClient() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocketFactory sockets = context.getSocketFactory();
        return new JedisPooled(new HostAndPort("127.0.0.1", server.port()), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(sockets).password(REDIS_PASSWORD).build());
    }
}
