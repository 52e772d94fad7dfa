package io.rediscache.agent.config;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Enumeration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * The certificate a TLS connection presents to a Redis server that asks for one
 * ({@code tls-auth-clients yes}, Redis's default once TLS is on): the private key and
 * certificate chain of a Java key store ({@code redis.tls.keystore}, PKCS12 or JKS, opened with
 * {@code redis.tls.keystore.password}, which also opens the key). Read and checked when the
 * configuration is loaded, so a wrong file or password is a configuration error naming the key;
 * choosing the key for a handshake is the JDK's ({@link KeyManagerFactory}).
 */
public final class TlsIdentity {

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
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, secret);
            return new TlsIdentity(keyManagers.getKeyManagers(), "the client certificate '" + subject + "' of " + file);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key cannot be used: its password must be the key store's ("
                    + e.getClass().getSimpleName() + ")");
        }
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
