package io.rediscache.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.Properties;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/**
 * A Redis store is handed to the engine at once, while its client is still being built on the
 * background thread: a call that comes before the client exists waits for it (at most
 * {@code redis.timeout.connect + redis.timeout.socket}) and then fails with
 * {@link StoreException}, which the engine turns into an uncached call. Here the "Redis" is a
 * socket whose connections are accepted by the kernel but never answered, so the client cannot
 * be built while the calls wait.
 */
class RedisStoreBeforeConnectedTest {

    private static final long CONNECT_MILLIS = 250;
    private static final long SOCKET_MILLIS = 200;

    @Test
    void callsBeforeTheClientExistsFailAsStoreExceptionsWithinTheTimeouts() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RedisStore store = RedisStore.connectInBackground(config(silent.getLocalPort()));
            assertEquals("Redis redis://127.0.0.1:" + silent.getLocalPort() + "/0", store.describe());
            assertTrue(store.isAvailable(), "the circuit breaker starts closed");

            long started = System.nanoTime();
            assertThrows(StoreException.class, () -> store.get("app|c|k"));
            assertThrows(StoreException.class, () -> store.set("app|c|k", new byte[] {1}, 1000));
            assertThrows(StoreException.class, () -> store.generation("c"));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 3 * (CONNECT_MILLIS + SOCKET_MILLIS) + 1000,
                    "each call waits at most the connect and socket timeouts: " + tookMillis + " ms");
        }
    }

    @Test
    void callsWhenNothingListensFailAsStoreExceptions() throws Exception {
        int port;
        try (ServerSocket closedAgain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closedAgain.getLocalPort();
        }
        RedisStore store = RedisStore.connectInBackground(config(port));
        assertThrows(StoreException.class, () -> store.get("app|c|k"));
        assertThrows(StoreException.class, () -> store.tryLock("app|c|k|lock", "token", 1000));
    }

    private static AgentConfig config(int port) throws IOException {
        ConfigLoader.Result loaded = ConfigLoader.load("redis.url=redis://127.0.0.1:" + port + "/0,redis.timeout.connect="
                + CONNECT_MILLIS + "ms,redis.timeout.socket=" + SOCKET_MILLIS + "ms,agent.log.level=error",
                Collections.<String, String>emptyMap(), new Properties());
        assertTrue(loaded.errors().isEmpty(), loaded.errors().toString());
        return loaded.config();
    }
}
