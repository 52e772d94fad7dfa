package io.rediscache.it.invalidation;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

import redis.clients.jedis.JedisPooled;

/**
 * Another client of the same Redis that {@code GET}s one key in a loop and records how long
 * each call took, to show whether something else (a clear, a sweep) paused the server.
 */
final class GetProbe implements AutoCloseable {

    private final JedisPooled client;
    private final String key;
    private final Thread thread;
    private volatile boolean running = true;
    private long[] micros = new long[1 << 16];
    private int count;

    private GetProbe(String url, String key) {
        this.client = new JedisPooled(URI.create(url));
        this.key = key;
        this.thread = new Thread(this::loop, "get-probe");
    }

    static GetProbe start(String url, String key) {
        GetProbe probe = new GetProbe(url, key);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        while (running) {
            long start = System.nanoTime();
            client.get(key);
            long took = (System.nanoTime() - start) / 1000;
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = took;
        }
    }

    Figures stop() throws InterruptedException {
        running = false;
        thread.join();
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Figures(count, sorted.length == 0 ? 0 : sorted[sorted.length / 2],
                sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.999)], sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        client.close();
    }

    record Figures(int gets, long p50Micros, long p999Micros, long maxMicros) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d GETs, p50 %d us, p99.9 %d us, max %d us", gets, p50Micros, p999Micros,
                    maxMicros);
        }
    }
}
