package io.rediscache.it.harness;

import java.io.IOException;
import java.nio.file.Path;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * TLS for every server of a test cluster or Sentinel group: one certificate of a throw-away CA
 * naming {@code 127.0.0.1} (the address the nodes announce and the sentinels give), the CA's
 * file (the value for {@code redis.tls.ca}), and sockets trusting that CA for the harness's own
 * clients. Servers speak TLS only, to each other too (replication, the cluster bus, the
 * sentinels' links); clients need no certificate of their own.
 */
public record RedisTls(Path caFile, TestCertificates.PemFiles server, SSLSocketFactory clientSockets) {

    /** Issues the servers' certificate of a new CA into {@code directory}. */
    public static RedisTls issue(Path directory) {
        TestCertificates ca = TestCertificates.newAuthority("redis-cache-agent topology test CA");
        try {
            return new RedisTls(ca.writeCertificate(directory.resolve("topology-ca.pem")),
                    ca.issueServer(directory, "topology-node", "127.0.0.1", "localhost"), ca.clientSockets());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test CA", e);
        }
    }

    /** The lines of a server's config file. */
    String serverConfig() {
        return "tls-cert-file " + server.certificate() + "\ntls-key-file " + server.privateKey()
                + "\ntls-ca-cert-file " + caFile + "\ntls-auth-clients no\ntls-replication yes\n";
    }

    /** {@code builder} speaking TLS and trusting the CA, host names checked. */
    DefaultJedisClientConfig.Builder onClient(DefaultJedisClientConfig.Builder builder) {
        SSLParameters checking = new SSLParameters();
        checking.setEndpointIdentificationAlgorithm("HTTPS");
        return builder.ssl(true).sslSocketFactory(clientSockets).sslParameters(checking);
    }
}
