package io.rediscache.it.values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** Results the agent must return but cannot store: one too large, one holding an open socket. */
public class UnstorableResults {

    static final AtomicInteger RUNS = new AtomicInteger();

    /** 5 MiB, more than the default cache.max.value.bytes (1 MiB). */
    @RedisCache(name = "large")
    public byte[] large(int seed) {
        RUNS.incrementAndGet();
        byte[] bytes = new byte[5 * 1024 * 1024];
        bytes[0] = (byte) seed;
        bytes[bytes.length - 1] = (byte) seed;
        return bytes;
    }

    /** A result holding an open server socket: not data, cannot be serialized. */
    @RedisCache(name = "socket")
    public Holder socket(int port) {
        RUNS.incrementAndGet();
        try {
            return new Holder(new ServerSocket(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value with a socket inside. */
    public static final class Holder {
        final ServerSocket socket;

        Holder(ServerSocket socket) {
            this.socket = socket;
        }
    }
}
