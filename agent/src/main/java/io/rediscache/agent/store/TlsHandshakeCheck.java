package io.rediscache.agent.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import redis.clients.jedis.HostAndPort;

/**
 * Finds out why TLS connections fail when Jedis's exception does not say: a diagnosis run only
 * after a failure. With TLS 1.3 a server that refuses this client's certificate, or its absence
 * ({@code tls-auth-clients yes}), says so with an alert after the handshake has completed for the
 * client, so Jedis, which writes first, sees only a broken pipe; and the clients of a cluster and
 * of Sentinel keep each node's failure to themselves. This makes one TLS connection to each node
 * in turn, with the agent's own sockets and host name check, and reads the server's first word.
 */
final class TlsHandshakeCheck {

    private final SSLSocketFactory sockets;
    private final SSLParameters parameters;
    private final int timeoutMillis;

    /** @param parameters those the client's connections get, so the host name is checked as for them */
    TlsHandshakeCheck(SSLSocketFactory sockets, SSLParameters parameters, int timeoutMillis) {
        this.sockets = sockets;
        this.parameters = parameters;
        this.timeoutMillis = timeoutMillis;
    }

    /** @return the first TLS failure met, or {@code null} when a node accepted the connection or none could be reached */
    SSLException firstFailure(Iterable<HostAndPort> nodes) {
        for (HostAndPort node : nodes) {
            try (SSLSocket socket = (SSLSocket) sockets.createSocket()) {
                try {
                    socket.connect(new InetSocketAddress(node.getHost(), node.getPort()), timeoutMillis);
                } catch (IOException unreachable) {
                    continue;
                }
                socket.setSoTimeout(timeoutMillis);
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                try {
                    socket.getInputStream().read(); // a refusing server sends its alert now
                } catch (SocketTimeoutException accepted) {
                    // an accepting server waits for a command
                }
                return null;
            } catch (SSLException e) {
                return e;
            } catch (IOException e) {
                // this node failed otherwise: try the next
            }
        }
        return null;
    }
}
