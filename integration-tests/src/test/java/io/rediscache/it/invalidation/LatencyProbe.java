package io.rediscache.it.invalidation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Another client of the same Redis, outside every JVM (so no garbage collector of ours shows
 * in its figures): {@code redis-cli --latency -i 1} run back to back, each run sending a
 * {@code PING} every 10 ms for one second and printing {@code min max avg samples} in ms. Shows
 * whether something else (a clear, a sweep) paused the server.
 */
final class LatencyProbe implements AutoCloseable {

    private final String host;
    private final int port;
    private final Thread thread;
    private final List<String> failures = new ArrayList<>();
    private volatile boolean running = true;
    private long maxMillis;
    private double weightedAvg;
    private long samples;

    private LatencyProbe(String host, int port) {
        this.host = host;
        this.port = port;
        this.thread = new Thread(this::loop, "latency-probe");
    }

    static LatencyProbe start(String host, int port) {
        LatencyProbe probe = new LatencyProbe(host, port);
        probe.thread.start();
        return probe;
    }

    private void loop() {
        while (running) {
            try {
                Process cli = new ProcessBuilder("redis-cli", "-h", host, "-p", Integer.toString(port), "--latency", "-i", "1")
                        .redirectErrorStream(true).start();
                String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                cli.waitFor();
                String[] parts = out.split("\\s+");
                if (parts.length == 4) {
                    synchronized (this) {
                        long n = Long.parseLong(parts[3]);
                        maxMillis = Math.max(maxMillis, Long.parseLong(parts[1]));
                        weightedAvg = (weightedAvg * samples + Double.parseDouble(parts[2]) * n) / Math.max(1, samples + n);
                        samples += n;
                    }
                } else {
                    failures.add(out);
                }
            } catch (IOException e) {
                failures.add(e.toString());
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops after the current one-second run, and returns what all runs saw. */
    Figures stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (this) {
            return new Figures(samples, maxMillis, weightedAvg, List.copyOf(failures));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    record Figures(long pings, long maxMillis, double avgMillis, List<String> failures) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d PINGs by redis-cli --latency, avg %.2f ms, max %d ms", pings, avgMillis,
                    maxMillis);
        }
    }
}
