package io.rediscache.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a TLS connection trusts, when they are not the JVM's default
 * trust store: the CA certificates of a PEM file ({@code redis.tls.ca}, as Redis's own
 * {@code tls-ca-cert-file}), or a Java trust store ({@code redis.tls.truststore}, PKCS12 or
 * JKS, with {@code redis.tls.truststore.password}).
 *
 * <p>Everything is read and checked when the configuration is loaded, so a missing or
 * unreadable file is a configuration error naming the key, not a connection failure later. The
 * trust decision itself is the JDK's (PKIX path validation through a {@link TrustManagerFactory}
 * over exactly these certificates); the host name is checked by the connection (endpoint
 * identification), not here.
 */
public final class TlsTrust {

    private final TrustManager[] trustManagers;
    private final String description;

    private TlsTrust(KeyStore trusted, String description) throws GeneralSecurityException {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        this.trustManagers = trustManagers.getTrustManagers();
        this.description = description;
    }

    /**
     * @param pem a file of one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    static TlsTrust fromPem(Path pem) {
        Collection<? extends Certificate> certificates = readPemCertificates(pem);
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            return new TlsTrust(trusted, certificates.size() + " CA certificate(s) of " + pem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the certificates cannot be used (" + e.getMessage() + ")");
        }
    }

    /**
     * @param password may be {@code null} (a trust store without integrity check); never shown
     * @throws IllegalArgumentException saying what is wrong, never with the password
     */
    static TlsTrust fromTrustStore(Path store, String password) {
        KeyStore trusted = readStore(store, password, "the trust store");
        try {
            if (trusted.size() == 0) {
                throw new IllegalArgumentException("the trust store holds no certificate");
            }
            return new TlsTrust(trusted, "the trust store " + store);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store cannot be used (" + e.getMessage() + ")");
        }
    }

    /**
     * The certificates of a PEM file, in their order.
     * @throws IllegalArgumentException when it cannot be read or holds none
     */
    static Collection<? extends Certificate> readPemCertificates(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(requireFile(pem))) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the file cannot be read as PEM certificates (" + e.getMessage() + ")");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the file holds no certificate");
        }
        return certificates;
    }

    /**
     * A PKCS12 or JKS file opened with {@code password} ({@code null}: no integrity check).
     * @throws IllegalArgumentException naming {@code what} failed to open, never with the password
     */
    static KeyStore readStore(Path file, String password, String what) {
        try (InputStream in = Files.newInputStream(requireFile(file))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // reads PKCS12 and JKS alike
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " cannot be read: wrong password, or not a PKCS12 or JKS file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static Path requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("the file is not readable");
        }
        return path;
    }

    /**
     * Sockets that trust {@code trust}'s certificates only (the JVM's default trust store when
     * {@code null}) and present {@code identity}'s certificate when a server asks for one (none
     * when {@code null}).
     */
    public static SSLSocketFactory socketFactory(TlsTrust trust, TlsIdentity identity) {
        if (trust == null && identity == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(), trust == null ? null : trust.trustManagers.clone(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e, e);
        }
    }

    /** What is trusted, for the start-up log line (file names, never a password). */
    @Override
    public String toString() {
        return description;
    }
}
