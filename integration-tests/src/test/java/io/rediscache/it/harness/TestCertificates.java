package io.rediscache.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for the TLS tests, made in Java (BouncyCastle) so the tests
 * need no {@code openssl} or {@code keytool} and no certificate is kept in the repository (none
 * can expire there). EC P-256 keys, SHA-256 signatures, valid from an hour ago for a day.
 */
public final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestCertificates(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=name}. */
    public static TestCertificates newAuthority(String name) {
        try {
            KeyPair keys = newKeys();
            X500Name subject = new X500Name("CN=" + name);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new TestCertificates(name, keys, sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    /** This CA's certificate as a PEM file, as {@code redis.tls.ca} and Redis's {@code tls-ca-cert-file} read it. */
    public Path writeCertificate(Path file) throws IOException {
        writePem(file, certificate);
        return file;
    }

    /** A PKCS12 trust store holding this CA's certificate, opened by {@code password}. */
    public Path writeTrustStore(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(name, certificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** Sockets that trust this CA alone, for a test's own Redis clients. */
    public SSLSocketFactory clientSockets() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(name, certificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the test CA", e);
        }
    }

    /**
     * A server certificate signed by this CA for {@code hostNames} (IP addresses become IP
     * subject alternative names, the rest DNS names), written as {@code prefix.crt} and its key
     * as {@code prefix.key} (PKCS#8 PEM) in {@code directory}.
     */
    public PemFiles issueServer(Path directory, String prefix, String... hostNames) {
        try {
            KeyPair serverKeys = newKeys();
            GeneralName[] names = new GeneralName[hostNames.length];
            for (int i = 0; i < hostNames.length; i++) {
                names[i] = hostNames[i].matches("[0-9.]+|.*:.*")
                        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(hostNames[i]).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, hostNames[i]);
            }
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + hostNames[0]), serverKeys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    // clientAuth too: Redis servers present the same certificate to each other (cluster bus, replication)
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            X509Certificate server = sign(builder, keys.getPrivate());
            Path cert = directory.resolve(prefix + ".crt");
            Path key = directory.resolve(prefix + ".key");
            writePem(cert, server);
            writePem(key, serverKeys.getPrivate());
            return new PemFiles(cert, key);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the test server certificate", e);
        }
    }

    /**
     * A client certificate signed by this CA for {@code CN=commonName} (extended key usage
     * clientAuth), with its private key and this CA's certificate, as a PKCS12 key store opened
     * by {@code password}: the value for {@code redis.tls.keystore}.
     */
    public Path writeClientKeyStore(Path file, String password, String commonName) {
        try {
            KeyPair clientKeys = newKeys();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(commonName, clientKeys.getPrivate(), password.toCharArray(),
                    new Certificate[] {issueClient(commonName, clientKeys), certificate});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the test client certificate", e);
        }
    }

    /**
     * The same as PEM files, as Redis's own {@code tls-cert-file} and {@code tls-key-file}:
     * {@code prefix.crt} (the client's certificate, then this CA's) and {@code prefix.key}
     * (PKCS#8), the values for {@code redis.tls.cert} and {@code redis.tls.key}.
     */
    public PemFiles writeClientPem(Path directory, String prefix, String commonName) {
        try {
            KeyPair clientKeys = newKeys();
            X509Certificate client = issueClient(commonName, clientKeys);
            Path cert = directory.resolve(prefix + ".crt");
            Path key = directory.resolve(prefix + ".key");
            try (Writer out = Files.newBufferedWriter(cert, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(client);
                pem.writeObject(certificate);
            }
            writePem(key, clientKeys.getPrivate());
            return new PemFiles(cert, key);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the test client certificate", e);
        }
    }

    private X509Certificate issueClient(String commonName, KeyPair clientKeys)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = builder(new X500Name("CN=" + name), new X500Name("CN=" + commonName), clientKeys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
        return sign(builder, keys.getPrivate());
    }

    /** A certificate (with any CA certificates after it) and its private key, as PEM files. */
    public record PemFiles(Path certificate, Path privateKey) {
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object instanceof PrivateKey key ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
        }
    }
}
