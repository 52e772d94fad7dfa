package io.rediscache.it.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis server that asks every client for a certificate of its CA ({@code tls-auth-clients yes},
 * Redis's default with TLS): with {@code redis.tls.keystore} holding one, cached methods hit and
 * locks and the {@code Cache} API work; without one, or with one of another CA, the server refuses
 * the agent: cached methods run uncached and correct, {@code @Locked} fails closed, and the log
 * says, once, that the server wants a client certificate, naming the settings, without the
 * passwords.
 */
class ClientCertificateTest {

    private static final String REDIS_PASSWORD = "redis-pass-canary-mtls";
    private static final String KEYSTORE_PASSWORD = "keystore-pass-canary-2e7";
    private static final List<String> SECRETS = List.of(REDIS_PASSWORD, KEYSTORE_PASSWORD);

    private static Path caFile;
    private static Path clientKeyStore;
    private static Path otherClientKeyStore;
    private static TestCertificates.PemFiles clientPem;
    private static RedisServer server;

    @BeforeAll
    static void startServerAskingForClientCertificates() throws Exception {
        Path directory = Files.createTempDirectory("client-certificate-it");
        TestCertificates ca = TestCertificates.newAuthority("redis-cache-agent mTLS test CA");
        caFile = ca.writeCertificate(directory.resolve("ca.pem"));
        clientKeyStore = ca.writeClientKeyStore(directory.resolve("client.p12"), KEYSTORE_PASSWORD, "cache-agent");
        clientPem = ca.writeClientPem(directory, "client", "cache-agent-pem");
        otherClientKeyStore = TestCertificates.newAuthority("some other CA")
                .writeClientKeyStore(directory.resolve("other-client.p12"), KEYSTORE_PASSWORD, "cache-agent");
        TestCertificates.PemFiles named = ca.issueServer(directory, "server", "127.0.0.1");
        server = RedisServer.startTls(named.certificate(), named.privateKey(), caFile,
                "--requirepass", REDIS_PASSWORD, "--tls-auth-clients", "yes");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withAClientCertificateOfTheServersCaCachedMethodsHitAndLocksWork() throws Exception {
        ForkedJvm.Result run = TlsRuns.runOnceConnected(agent("mtls").set("redis.tls.keystore", clientKeyStore.toString())
                .set("redis.tls.keystore.password", KEYSTORE_PASSWORD));

        TlsRuns.assertWorked(run, SECRETS);
        assertTrue(run.stderr().contains("presenting the client certificate 'CN=cache-agent' of " + clientKeyStore), run.stderr());
    }

    @Test
    void pemFilesAsRedisOwnWorkToo() throws Exception {
        ForkedJvm.Result run = TlsRuns.runOnceConnected(agent("mtls-pem").set("redis.tls.cert", clientPem.certificate().toString())
                .set("redis.tls.key", clientPem.privateKey().toString()));

        TlsRuns.assertWorked(run, SECRETS);
        assertTrue(run.stderr().contains("presenting the client certificate 'CN=cache-agent-pem' of " + clientPem.certificate()),
                run.stderr());
    }

    @Test
    void withoutAClientCertificateTheAgentIsRefusedAndSaysWhatToSet() throws Exception {
        ForkedJvm.Result run = agent("mtls-none").run(TlsApp.class).assertSucceeded();

        TlsRuns.assertRefused(run, SECRETS, "The server refused this client's TLS connection",
                "certificate_required", "it asks for a client certificate", "set redis.tls.cert and redis.tls.key (or redis.tls.keystore)");
    }

    @Test
    void aClientCertificateOfAnotherCaIsRefused() throws Exception {
        ForkedJvm.Result run = agent("mtls-other-ca").set("redis.tls.keystore", otherClientKeyStore.toString())
                .set("redis.tls.keystore.password", KEYSTORE_PASSWORD).run(TlsApp.class).assertSucceeded();

        TlsRuns.assertRefused(run, SECRETS, "The server refused this client's TLS connection", "unknown_ca",
                "the client certificate 'CN=cache-agent' of " + otherClientKeyStore + " must be signed by a CA of the server's"
                        + " tls-ca-cert-file");
    }

    private static ForkedJvm agent(String namespace) {
        return ForkedJvm.withAgent()
                .set("redis.url", "rediss://:" + REDIS_PASSWORD + "@127.0.0.1:" + server.port() + "/0")
                .set("redis.tls.ca", caFile.toString())
                .set("cache.namespace", RedisTarget.uniqueNamespace(namespace)).set("lock.wait", "0s");
    }
}
