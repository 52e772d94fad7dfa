package io.rediscache.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a free loopback port in front of a {@code redis-server}, for fault tests (there
 * is no Docker engine for Toxiproxy here). The test switches its mode at any time:
 * <ul>
 *   <li>{@link #pass()}: bytes are forwarded as they arrive;</li>
 *   <li>{@link #latency(long)}: every chunk is held for the given time before it is forwarded, in
 *       each direction (a command and its reply are each delayed, so a round trip gains twice the
 *       value). A chunk read while an earlier one is held waits behind it, which for Redis's
 *       one-command-at-a-time connections changes nothing;</li>
 *   <li>{@link #blackhole()}: connections are accepted and what arrives is read and dropped;
 *       nothing is forwarded and no socket is closed, like a hung server or a network that
 *       swallows packets. Leaving it resets the connections that were open, since the replies
 *       they dropped would otherwise pair up with later commands;</li>
 *   <li>{@link #reset()}: every open connection is closed with a TCP RST, and new ones are
 *       reset as soon as they are accepted, like a server that crashed.</li>
 * </ul>
 * Two daemon threads per connection copy the two directions with blocking java.net sockets;
 * {@link #close()} closes every socket, which ends them.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, BLACKHOLE, RESET }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** A proxy in {@link #pass()} mode in front of {@code host:port}. */
    public static FaultProxy to(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, new InetSocketAddress(host, port));
        Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    /** A proxy in front of {@code redis}. */
    public static FaultProxy to(RedisServer redis) throws IOException {
        return to(redis.host(), redis.port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code redis://127.0.0.1:<proxy port>/0}. */
    public String url() {
        return "redis://127.0.0.1:" + port() + "/0";
    }

    /** Forwards everything at once (and ends any latency). */
    public void pass() {
        latencyNanos = 0;
        leave(Mode.PASS);
    }

    /** Forwards everything, each chunk {@code millis} late in each direction. */
    public void latency(long millis) {
        latencyNanos = TimeUnit.MILLISECONDS.toNanos(millis);
        leave(Mode.PASS);
    }

    /** Forwards nothing and closes nothing. */
    public synchronized void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Resets every connection, open or new. */
    public synchronized void reset() {
        mode = Mode.RESET;
        resetAll();
    }

    private synchronized void leave(Mode next) {
        Mode previous = mode;
        mode = next;
        if (previous == Mode.BLACKHOLE) {
            resetAll();
        }
    }

    private void resetAll() {
        for (Link link : links) {
            link.reset();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                client.setTcpNoDelay(true); // as Jedis and Redis do: Nagle's algorithm would add delays of its own
                Socket server = new Socket();
                server.setTcpNoDelay(true);
                server.connect(upstream, 1000);
                admit(new Link(client, server));
            } catch (IOException upstreamDown) {
                resetQuietly(client);
            }
        }
    }

    /** Starts forwarding, unless the mode changed to reset meanwhile (checked under the lock the modes change under). */
    private synchronized void admit(Link link) {
        if (mode == Mode.RESET || closed) {
            link.reset();
            return;
        }
        links.add(link);
        link.start();
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        resetAll();
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close() then sends RST, not FIN
        } catch (SocketException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One proxied connection: client and server socket, a copying thread per direction. */
    private final class Link {
        private final Socket client;
        private final Socket server;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            copy(client, server, "up");
            copy(server, client, "down");
        }

        private void copy(Socket from, Socket to, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        long arrived = System.nanoTime();
                        if (mode != Mode.PASS) {
                            continue; // blackhole: drop; reset: the sockets are being closed
                        }
                        long delay = latencyNanos;
                        if (delay > 0) {
                            TimeUnit.NANOSECONDS.sleep(delay - (System.nanoTime() - arrived));
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed or reset: close both below
                }
                reset();
            }, "fault-proxy-" + direction + "-" + client.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        void reset() {
            links.remove(this);
            resetQuietly(client);
            resetQuietly(server);
        }
    }
}
