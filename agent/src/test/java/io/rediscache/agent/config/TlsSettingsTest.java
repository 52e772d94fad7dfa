package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS trust settings ({@code redis.tls.ca}, {@code redis.tls.truststore} and its password)
 * are read when the configuration loads: a good file gives the connection its trust material,
 * a bad one is a configuration error naming the key and the value (never the password).
 */
class TlsSettingsTest {

    /** A self-signed CA certificate (P-256), only to be parsed here. */
    private static final String CA_PEM = String.join("",
            "-----BEGIN CERTIFICATE-----\n",
            "MIIBhDCCASugAwIBAgIUQHaq7GDMo8lRd9DOmid88TchLq0wCgYIKoZIzj0EAwIw\n",
            "FzEVMBMGA1UEAwwMdW5pdCB0ZXN0IENBMCAXDTI2MTEyNTA4MzQyOVoYDzIxMjYx\n",
            "MTAxMDgzNDI5WjAXMRUwEwYDVQQDDAx1bml0IHRlc3QgQ0EwWTATBgcqhkjOPQIB\n",
            "BggqhkjOPQMBBwNCAATcgRwfqOhNndZh5t06EBSTyIkeeAkEK6DiP3ojg/eXBlTN\n",
            "Op+Q4rJGFOs///n15j2vMg/2nZPOy4CwZJ0FdQTto1MwUTAdBgNVHQ4EFgQUFCei\n",
            "ku5NQnSQ5hYcMQqWIuRPa54wHwYDVR0jBBgwFoAUFCeiku5NQnSQ5hYcMQqWIuRP\n",
            "a54wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAvmBIceAWUL/vF\n",
            "4ljl0dCxU7iVysevsFAcCOB5j5iEfAIgOf4cJyF45O7snYQfyLyTyabop9LLC88G\n",
            "rNNoKvGXVZE=\n",
            "-----END CERTIFICATE-----\n");
    private static final String STORE_PASSWORD = "store-pass-canary";

    @TempDir
    Path directory;

    @Test
    void aPemFileOfCaCertificatesIsTrustedForRediss() throws IOException {
        Path ca = write("ca.pem", CA_PEM);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.ca=" + ca);

        assertEquals(List.of(), result.errors());
        assertNotNull(result.config().tlsTrust());
        assertTrue(result.config().tlsTrust().toString().contains("1 CA certificate(s) of " + ca), result.config().tlsTrust().toString());
    }

    @Test
    void withoutTrustSettingsRedissUsesTheJvmDefaultTrustStore() {
        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380");

        assertEquals(List.of(), result.errors());
        assertNull(result.config().tlsTrust());
    }

    @Test
    void aTrustStoreOpenedByItsPasswordIsTrusted() throws Exception {
        Path store = trustStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.truststore=" + store
                + ",redis.tls.truststore.password=" + STORE_PASSWORD);

        assertEquals(List.of(), result.errors());
        assertTrue(result.config().tlsTrust().toString().contains("the trust store " + store));
    }

    @Test
    void aMissingCaFileIsAnErrorNamingKeyAndValue() {
        Path missing = directory.resolve("nowhere.pem");

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.ca=" + missing);

        assertNull(result.config());
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).startsWith("redis.tls.ca=" + missing + " (from the agent arguments) is invalid: no such file"),
                result.errors().get(0));
    }

    @Test
    void aFileWithoutCertificatesIsAnError() throws IOException {
        Path notPem = write("key.pem", "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n");

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.ca=" + notPem);

        assertNull(result.config());
        assertTrue(result.errors().get(0).startsWith("redis.tls.ca=" + notPem + " (from the agent arguments) is invalid: the file"),
                result.errors().get(0));
        assertTrue(result.errors().get(0).contains("expected a PEM file of the CA certificates"), result.errors().get(0));
    }

    @Test
    void aWrongTrustStorePasswordIsAnErrorThatDoesNotShowIt() throws Exception {
        Path store = trustStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.truststore=" + store
                + ",redis.tls.truststore.password=wrong-" + STORE_PASSWORD);

        assertNull(result.config());
        String error = result.errors().get(0);
        assertTrue(error.startsWith("redis.tls.truststore=" + store + " (from the agent arguments) is invalid: the trust store"
                + " cannot be read: wrong password"), error);
        assertFalse(error.contains(STORE_PASSWORD), error);
    }

    @Test
    void trustSettingsWithAPlainRedisUrlAreAnError() throws IOException {
        Path ca = write("ca.pem", CA_PEM);

        ConfigLoader.Result result = load("redis.url=redis://user:" + STORE_PASSWORD + "@127.0.0.1:6379,redis.tls.ca=" + ca);

        assertNull(result.config());
        String error = result.errors().get(0);
        assertTrue(error.startsWith("redis.tls.ca=" + ca + " (from the agent arguments) is set, but no connection uses TLS"
                + " (redis.url=redis://****@127.0.0.1:6379 is not a rediss:// URL)"), error);
        assertFalse(error.contains(STORE_PASSWORD), error);
    }

    @Test
    void redisTlsMakesEveryConnectionOfAClusterOrSentinelUseTlsWithTheTrustSettings() throws IOException {
        Path ca = write("ca.pem", CA_PEM);

        ConfigLoader.Result cluster = load("redis.cluster.nodes=127.0.0.1:7000;127.0.0.1:7001,redis.tls=true,redis.tls.ca=" + ca);
        ConfigLoader.Result sentinel = load("redis.sentinel.nodes=127.0.0.1:26379,redis.sentinel.master=orders,redis.tls=true");

        assertEquals(List.of(), cluster.errors());
        assertTrue(cluster.config().redisTopology().tls());
        assertTrue(cluster.config().tlsTrust().toString().contains("1 CA certificate(s) of " + ca));
        assertEquals("cluster 127.0.0.1:7000,127.0.0.1:7001 (TLS)", cluster.config().redisTopology().toString());
        assertEquals(List.of(), sentinel.errors());
        assertTrue(sentinel.config().redisTopology().tls());
        assertNull(sentinel.config().tlsTrust(), "without trust settings: the JVM's default trust store");
    }

    @Test
    void withoutRedisTlsAClusterIsPlainAndItsTrustSettingsAreAnErrorNamingRedisTls() throws IOException {
        Path ca = write("ca.pem", CA_PEM);

        ConfigLoader.Result plain = load("redis.cluster.nodes=127.0.0.1:7000");
        ConfigLoader.Result withCa = load("redis.cluster.nodes=127.0.0.1:7000,redis.tls.ca=" + ca);

        assertFalse(plain.config().redisTopology().tls());
        assertNull(withCa.config());
        String error = withCa.errors().get(0);
        assertTrue(error.startsWith("redis.tls.ca=" + ca + " (from the agent arguments) is set, but no connection uses TLS"
                + " (redis.tls is false)"), error);
        assertTrue(error.contains("redis.tls=true with redis.cluster.nodes or redis.sentinel.nodes"), error);
    }

    @Test
    void redisTlsWithAPlainRedisUrlIsAnErrorAndWithRedissIsAccepted() {
        ConfigLoader.Result plain = load("redis.url=redis://user:" + STORE_PASSWORD + "@127.0.0.1:6379,redis.tls=true");
        ConfigLoader.Result rediss = load("redis.url=rediss://127.0.0.1:6380,redis.tls=true");

        assertNull(plain.config());
        String error = plain.errors().get(0);
        assertTrue(error.startsWith("redis.tls=true (from the agent arguments) contradicts redis.url=redis://****@127.0.0.1:6379;"
                + " one server chooses TLS by its URL: redis.url=rediss://host:port"), error);
        assertFalse(error.contains(STORE_PASSWORD), error);
        assertEquals(List.of(), rediss.errors());
        assertTrue(rediss.config().redisTopology().tls());
    }

    @Test
    void redisTlsWithoutRedisIsAWarning() {
        ConfigLoader.Result result = load("redis.tls=true");

        assertEquals(List.of(), result.errors());
        assertNotNull(result.config());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).startsWith("redis.tls=true (from the agent arguments) has no effect without Redis"),
                result.warnings().get(0));
    }

    @Test
    void switchingTheHostNameCheckOffIsAWarningWithTlsAndAnErrorWithout() {
        ConfigLoader.Result tls = load("redis.url=rediss://127.0.0.1:6380,redis.tls.hostname.check=false");
        ConfigLoader.Result plain = load("redis.url=redis://127.0.0.1:6379,redis.tls.hostname.check=false");

        assertEquals(List.of(), tls.errors());
        assertFalse(tls.config().flag(Setting.REDIS_TLS_HOSTNAME_CHECK));
        assertEquals(1, tls.warnings().size(), tls.warnings().toString());
        assertTrue(tls.warnings().get(0).startsWith("redis.tls.hostname.check=false (from the agent arguments): Redis servers'"
                + " certificates are checked against the trusted CAs only, not against the host"), tls.warnings().get(0));
        assertNull(plain.config());
        assertTrue(plain.errors().get(0).startsWith("redis.tls.hostname.check=false (from the agent arguments) is set, but no"
                + " connection uses TLS"), plain.errors().get(0));
    }

    @Test
    void caAndTrustStoreTogetherAreAnError() throws Exception {
        Path ca = write("ca.pem", CA_PEM);
        Path store = trustStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.ca=" + ca + ",redis.tls.truststore=" + store);

        assertNull(result.config());
        assertTrue(result.errors().get(0).contains("are both set"), result.errors().get(0));
    }

    @Test
    void aPasswordWithoutTrustStoreIsAnErrorThatDoesNotShowIt() {
        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.truststore.password=" + STORE_PASSWORD);

        assertNull(result.config());
        assertTrue(result.errors().get(0).startsWith("redis.tls.truststore.password=(hidden) (from the agent arguments) is set"
                + " without redis.tls.truststore"), result.errors().get(0));
        assertFalse(String.join(" ", result.errors()).contains(STORE_PASSWORD));
    }

    @Test
    void aKeyStoreWithTheClientsKeyIsPresentedAndNamedByItsSubject() throws Exception {
        Path keyStore = clientKeyStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.keystore=" + keyStore
                + ",redis.tls.keystore.password=" + STORE_PASSWORD);

        assertEquals(List.of(), result.errors());
        assertEquals("the client certificate 'CN=cache-agent,O=test' of " + keyStore, result.config().tlsIdentity().toString());
        assertNull(result.config().tlsTrust(), "trust stays the JVM's default");
        assertNotNull(TlsTrust.socketFactory(null, result.config().tlsIdentity()));
    }

    @Test
    void aKeyStoreWithoutAPrivateKeyIsAnError() throws Exception {
        Path certificatesOnly = trustStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.keystore=" + certificatesOnly
                + ",redis.tls.keystore.password=" + STORE_PASSWORD);

        assertNull(result.config());
        assertTrue(result.errors().get(0).startsWith("redis.tls.keystore=" + certificatesOnly + " (from the agent arguments) is invalid:"
                + " the key store holds no private key with its certificate"), result.errors().get(0));
    }

    @Test
    void aWrongKeyStorePasswordIsAnErrorThatDoesNotShowEitherPassword() throws Exception {
        Path keyStore = clientKeyStore(STORE_PASSWORD);

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.keystore=" + keyStore
                + ",redis.tls.keystore.password=wrong-" + STORE_PASSWORD);

        assertNull(result.config());
        String error = result.errors().get(0);
        assertTrue(error.startsWith("redis.tls.keystore=" + keyStore + " (from the agent arguments) is invalid: the key store cannot"
                + " be read: wrong password"), error);
        assertFalse(error.contains(STORE_PASSWORD), error);
    }

    @Test
    void aKeyStoreWhereNoConnectionUsesTlsAndAPasswordWithoutKeyStoreAreErrors() throws Exception {
        Path keyStore = clientKeyStore(STORE_PASSWORD);

        ConfigLoader.Result plain = load("redis.url=redis://127.0.0.1:6379,redis.tls.keystore=" + keyStore
                + ",redis.tls.keystore.password=" + STORE_PASSWORD);
        ConfigLoader.Result passwordAlone = load("redis.url=rediss://127.0.0.1:6380,redis.tls.keystore.password=" + STORE_PASSWORD);

        assertNull(plain.config());
        assertTrue(plain.errors().get(0).startsWith("redis.tls.keystore=" + keyStore + " (from the agent arguments) is set, but no"
                + " connection uses TLS"), plain.errors().get(0));
        assertNull(passwordAlone.config());
        assertTrue(passwordAlone.errors().get(0).startsWith("redis.tls.keystore.password=(hidden) (from the agent arguments) is set"
                + " without redis.tls.keystore"), passwordAlone.errors().get(0));
        assertFalse(String.join(" ", plain.errors()).contains(STORE_PASSWORD));
        assertFalse(String.join(" ", passwordAlone.errors()).contains(STORE_PASSWORD));
    }

    @Test
    void pemFilesOfTheClientsCertificateAndKeyArePresentedAsRedisOwnFilesAre() throws Exception {
        Path[] pem = clientPem("client", clientKeyStore("client.p12", STORE_PASSWORD));

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.cert=" + pem[0] + ",redis.tls.key=" + pem[1]);

        assertEquals(List.of(), result.errors());
        assertEquals("the client certificate 'CN=cache-agent,O=test' of " + pem[0], result.config().tlsIdentity().toString());
    }

    @Test
    void aKeyOfAnotherCertificateIsAnErrorNamingTheKeyFile() throws Exception {
        Path[] pem = clientPem("client", clientKeyStore("client.p12", STORE_PASSWORD));
        Path[] other = clientPem("other", clientKeyStore("other.p12", STORE_PASSWORD));

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.cert=" + pem[0] + ",redis.tls.key=" + other[1]);

        assertNull(result.config());
        assertTrue(result.errors().get(0).startsWith("redis.tls.key=" + other[1] + " (from the agent arguments) is invalid: the key"
                + " does not belong to the first certificate of " + pem[0]), result.errors().get(0));
    }

    @Test
    void aKeyInOpenSslsTraditionalFormIsAnErrorSayingHowToConvertIt() throws Exception {
        Path[] pem = clientPem("client", clientKeyStore("client.p12", STORE_PASSWORD));
        Path traditional = write("client.rsa.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

        ConfigLoader.Result result = load("redis.url=rediss://127.0.0.1:6380,redis.tls.cert=" + pem[0] + ",redis.tls.key=" + traditional);

        assertNull(result.config());
        assertTrue(result.errors().get(0).contains("convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + traditional),
                result.errors().get(0));
    }

    @Test
    void aCertificateWithoutItsKeyAndAKeyStoreWithPemFilesAreErrors() throws Exception {
        Path keyStore = clientKeyStore("client.p12", STORE_PASSWORD);
        Path[] pem = clientPem("client", keyStore);

        ConfigLoader.Result alone = load("redis.url=rediss://127.0.0.1:6380,redis.tls.cert=" + pem[0]);
        ConfigLoader.Result both = load("redis.url=rediss://127.0.0.1:6380,redis.tls.keystore=" + keyStore
                + ",redis.tls.keystore.password=" + STORE_PASSWORD + ",redis.tls.cert=" + pem[0] + ",redis.tls.key=" + pem[1]);

        assertTrue(alone.errors().get(0).startsWith("redis.tls.cert=" + pem[0] + " (from the agent arguments) is set without"
                + " redis.tls.key"), alone.errors().get(0));
        assertTrue(both.errors().get(0).contains("are both set; expected one client certificate"), both.errors().get(0));
        assertFalse(String.join(" ", both.errors()).contains(STORE_PASSWORD));
    }

    /** The key and certificate of {@code keyStore}, written as PEM files {@code name.crt} and {@code name.key} (PKCS#8). */
    private Path[] clientPem(String name, Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Path certificate = write(name + ".crt", "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(store.getCertificate("client").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path key = write(name + ".key", "-----BEGIN PRIVATE KEY-----\n"
                + pem.encodeToString(store.getKey("client", STORE_PASSWORD.toCharArray()).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return new Path[] {certificate, key};
    }

    private Path clientKeyStore(String password) throws Exception {
        return clientKeyStore("client.p12", password);
    }

    /** A PKCS12 key store of a new key pair and its self-signed certificate, made by the JDK's keytool. */
    private Path clientKeyStore(String fileName, String password) throws Exception {
        Path file = directory.resolve(fileName);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "client", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=cache-agent,O=test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", password).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool: " + output);
        return file;
    }

    private ConfigLoader.Result load(String arguments) {
        return ConfigLoader.load(arguments, new HashMap<String, String>(), new Properties());
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(directory.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private Path trustStore(String password) throws Exception {
        Certificate ca = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CA_PEM.getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        Path file = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
