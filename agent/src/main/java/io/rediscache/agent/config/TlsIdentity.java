package io.rediscache.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate a TLS connection presents to a Redis server that asks for one
 * ({@code tls-auth-clients yes}, Redis's default once TLS is on), with its private key: from a
 * Java key store ({@code redis.tls.keystore}, PKCS12 or JKS, opened with
 * {@code redis.tls.keystore.password}, which also opens the key), or from PEM files as Redis's
 * own {@code tls-cert-file} and {@code tls-key-file} ({@code redis.tls.cert}, the certificate
 * then any CA certificates above it; {@code redis.tls.key}, an unencrypted PKCS#8 key). Read and
 * checked when the configuration is loaded, so a wrong file or password, or a key that does not
 * belong to the certificate, is a configuration error naming the setting; choosing the key for a
 * handshake is the JDK's ({@link KeyManagerFactory}).
 */
public final class TlsIdentity {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private final KeyManager[] keyManagers;
    private final String description;

    private TlsIdentity(KeyManager[] keyManagers, String description) {
        this.keyManagers = keyManagers;
        this.description = description;
    }

    /**
     * @param password may be {@code null}; never shown
     * @throws IllegalArgumentException saying what is wrong, never with the password
     */
    static TlsIdentity fromKeyStore(Path file, String password) {
        char[] secret = password == null ? null : password.toCharArray();
        KeyStore store = TlsTrust.readStore(file, password, "the key store");
        try {
            String subject = firstKeySubject(store);
            if (subject == null) {
                throw new IllegalArgumentException("the key store holds no private key with its certificate");
            }
            return new TlsIdentity(keyManagers(store, secret), "the client certificate '" + subject + "' of " + file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key cannot be used: its password must be the key store's ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The certificates of {@code redis.tls.cert}: the client's first.
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    static List<X509Certificate> readChain(Path certificateFile) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : TlsTrust.readPemCertificates(certificateFile)) {
            if (!(certificate instanceof X509Certificate)) {
                throw new IllegalArgumentException("the file holds a certificate that is not X.509");
            }
            chain.add((X509Certificate) certificate);
        }
        return chain;
    }

    /**
     * The client certificate of {@code chain} (from {@code certificateFile}) with the private key
     * of {@code keyFile}, which must belong to it.
     * @throws IllegalArgumentException saying what is wrong with the key file
     */
    static TlsIdentity fromPem(List<X509Certificate> chain, Path certificateFile, Path keyFile) {
        X509Certificate client = chain.get(0);
        PrivateKey key = readPkcs8Key(keyFile, client.getPublicKey().getAlgorithm());
        if (!belongsTo(key, client)) {
            throw new IllegalArgumentException("the key does not belong to the first certificate of " + certificateFile);
        }
        try {
            char[] internal = Long.toHexString(new SecureRandom().nextLong()).toCharArray(); // guards an in-memory store only
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, internal, chain.toArray(new Certificate[0]));
            return new TlsIdentity(keyManagers(store, internal), "the client certificate '"
                    + client.getSubjectX500Principal().getName() + "' of " + certificateFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the key and certificate cannot be used together (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey readPkcs8Key(Path keyFile, String algorithm) {
        String text;
        try {
            text = new String(Files.readAllBytes(TlsTrust.requireFile(keyFile)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("the file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the key is encrypted, which this version does not read; use "
                    + Setting.REDIS_TLS_KEYSTORE.key + " with a password instead (openssl pkcs12 -export …)");
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the key is in OpenSSL's traditional form (PKCS#1 or SEC1), which the JDK"
                    + " does not read; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + keyFile + " -out client.pk8.key");
        }
        int begin = text.indexOf(PKCS8_BEGIN);
        int end = begin < 0 ? -1 : text.indexOf(PKCS8_END, begin);
        if (end < 0) {
            throw new IllegalArgumentException("the file holds no " + PKCS8_BEGIN + " block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the file holds no " + algorithm + " private key that the JDK can read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm();
        String signing = "RSA".equals(algorithm) ? "SHA256withRSA" : "EC".equals(algorithm) ? "SHA256withECDSA" : algorithm;
        try {
            byte[] probe = "redis-cache-agent key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signing);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signing);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyManager[] keyManagers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        return keyManagers.getKeyManagers();
    }

    private static String firstKeySubject(KeyStore store) throws GeneralSecurityException {
        for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
            String alias = aliases.nextElement();
            Certificate certificate = store.getCertificate(alias);
            if (store.isKeyEntry(alias) && certificate instanceof X509Certificate) {
                return ((X509Certificate) certificate).getSubjectX500Principal().getName();
            }
        }
        return null;
    }

    KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    /** What is presented, for the start-up log line (the certificate's subject and the file, never a password). */
    @Override
    public String toString() {
        return description;
    }
}
