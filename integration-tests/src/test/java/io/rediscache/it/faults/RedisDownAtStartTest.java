package io.rediscache.it.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis is not there when the application starts: eight threads call a cached method for three
 * seconds. Every call must return the right value without an exception, the outage must be
 * logged once (not once per call), and the added latency must stay bounded: no call waits much
 * longer than the connect timeout, and once the circuit breaker is open calls do not touch
 * Redis at all.
 *
 * <p>Two kinds of "not there": a port where nothing listens (connections are refused at once),
 * and a port that accepts no connection and drops the handshake, like a host that vanished
 * from the network (connections wait for {@code redis.timeout.connect}). The second is the
 * one where only the circuit breaker keeps calls fast.
 */
class RedisDownAtStartTest {

    private static final int THREADS = 8;
    private static final long CONNECT_TIMEOUT_MILLIS = 250;
    private static final long SLACK_MILLIS = 500;

    @Test
    void nothingListening() throws Exception {
        int port = RedisServer.freePort();
        ForkedJvm.Result result = runAgainst(port);
        assertOutageHandled(result);
    }

    @Test
    void connectionsBlackholed() throws Exception {
        try (Blackhole blackhole = Blackhole.open()) {
            ForkedJvm.Result result = runAgainst(blackhole.port());
            assertOutageHandled(result);
            assertTrue(result.getLong("down.slowCalls") <= 3 * THREADS,
                    "with connections hanging, only the calls before the breaker opens and one probe per"
                            + " cool-down may wait for the connect timeout: " + result.describe());
        }
    }

    private static ForkedJvm.Result runAgainst(int port) throws Exception {
        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", "redis://127.0.0.1:" + port + "/0")
                .set("redis.timeout.connect", CONNECT_TIMEOUT_MILLIS + "ms");
        try (FaultRun run = FaultRun.start(jvm, "down", THREADS, 20)) {
            Thread.sleep(3000);
            ForkedJvm.Result result = run.finish().assertSucceeded();
            System.out.printf("Redis down at start (port %d): %s calls, worst %s ms, p50 %s us, p99 %s us, %s calls > 100 ms%n",
                    port, result.get("down.calls"), result.get("down.worstMillis"), result.get("down.p50Micros"),
                    result.get("down.p99Micros"), result.get("down.slowCalls"));
            return result;
        }
    }

    private static void assertOutageHandled(ForkedJvm.Result result) {
        long calls = result.getLong("down.calls");
        assertTrue(calls >= 1000, "the callers kept running: " + result.describe());
        assertEquals(0, result.getLong("down.exceptions"), "first: " + result.get("down.firstException"));
        assertEquals(0, result.getLong("down.wrong"), result.describe());
        assertEquals(0, result.getLong("down.hits"), "nothing can be a hit without a store");

        assertTrue(result.getLong("down.worstMillis") < CONNECT_TIMEOUT_MILLIS + SLACK_MILLIS, result.describe());
        assertTrue(result.getLong("down.p50Micros") < 20_000, "calls are fast once the breaker is open: " + result.describe());
        assertTrue(result.getLong("down.p99Micros") < 100_000, result.describe());

        String stderr = result.stderr();
        assertEquals(1, lines(stderr, FaultRun.UNREACHABLE), "the outage is logged exactly once:\n" + stderr);
        assertEquals(0, lines(stderr, FaultRun.BACK), stderr);
        assertTrue(stderr.contains("Redis at redis://127.0.0.1:"), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
    }

    /**
     * A loopback port whose listen queue is full and never drained: the kernel drops further
     * handshakes, so a connect attempt waits for its timeout, as with a host that is gone.
     */
    private static final class Blackhole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        private Blackhole(ServerSocket server) {
            this.server = server;
        }

        static Blackhole open() throws IOException {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Blackhole blackhole = new Blackhole(server);
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
                    blackhole.fillers.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return blackhole;
                }
            }
            blackhole.close();
            throw new IllegalStateException("the listen queue of a never-accepting socket did not fill; cannot blackhole");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : fillers) {
                socket.close();
            }
            server.close();
        }
    }
}
