package io.rediscache.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Samples the machine's 1-minute load average (Linux {@code /proc/loadavg}) every 5 seconds
 * while the benchmarks run, so the results say how busy the machine was: on 2 cores, anything
 * much above 2 (the benchmark fork plus Redis) means other work competed for the CPUs.
 */
final class LoadWatch {

    private final Thread thread;
    private volatile double min = Double.MAX_VALUE;
    private volatile double max = -1;
    private volatile double sum;
    private volatile int samples;

    private LoadWatch() {
        thread = new Thread(this::sample, "bench-load-watch");
        thread.setDaemon(true);
    }

    static LoadWatch start() {
        LoadWatch watch = new LoadWatch();
        watch.thread.start();
        return watch;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
                double load = Double.parseDouble(fields[0]);
                min = Math.min(min, load);
                max = Math.max(max, load);
                sum += load;
                samples++;
                Thread.sleep(5000);
            } catch (IOException | RuntimeException e) {
                return; // not Linux
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        thread.interrupt();
    }

    String describe() {
        if (samples == 0) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "mean %.1f, min %.1f, max %.1f", sum / samples, min, max);
    }
}
