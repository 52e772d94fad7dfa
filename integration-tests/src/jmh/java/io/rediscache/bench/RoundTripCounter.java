package io.rediscache.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rediscache.agent.shaded.redis.clients.jedis.Jedis;
import io.rediscache.agent.shaded.redis.clients.jedis.JedisMonitor;

/**
 * Counts the Redis round trips of a sample of calls, as Redis itself sees them: {@code MONITOR}
 * prints one line per command a client sent (nothing here pipelines, so each is one round trip)
 * and, marked {@code [db lua]}, one per command a script ran inside Redis, which is not a round
 * trip and is left out. ({@code INFO commandstats} cannot tell the two apart: it counts the
 * commands a script runs as well.) The sample is framed by two {@code ECHO} markers sent on a
 * connection of its own, so that only the commands sent in between are counted.
 *
 * <p>{@code MONITOR} slows Redis down, so a benchmark counts a sample in its trial set-up, before
 * any measured iteration, never while it measures. The benchmark's Redis serves one fork at a
 * time, so every command in the frame comes from the calls counted.
 */
final class RoundTripCounter {

    private static final Pattern LINE = Pattern.compile("^[0-9.]+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"(.*)$");

    private RoundTripCounter() {
    }

    /** Runs {@code call} {@code calls} times and returns the commands clients sent meanwhile, per call, by command. */
    static Map<String, Double> perCall(int calls, Runnable call) throws InterruptedException {
        String marker = "round-trip-counter-" + System.nanoTime();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Jedis monitor = new Jedis("127.0.0.1", BenchRedis.port(), 10_000);
        Thread reader = new Thread(() -> monitor.monitor(new JedisMonitor() {
            @Override
            public void onCommand(String line) {
                lines.add(line);
                if (line.contains(marker + "-end")) {
                    client.disconnect();
                }
            }
        }), "round-trip-monitor");
        reader.setDaemon(true);
        reader.start();
        try (Jedis markers = new Jedis("127.0.0.1", BenchRedis.port(), 10_000)) {
            awaitMonitoring(markers, marker + "-start", lines);
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            markers.echo(marker + "-end");
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            monitor.close();
        }
        List<String> seen = new ArrayList<>(lines);
        Map<String, Double> perCall = new TreeMap<>();
        boolean framed = false;
        for (String line : seen) {
            if (line.contains(marker + "-start")) {
                framed = true;
                perCall.clear();
                continue;
            }
            if (line.contains(marker + "-end")) {
                return divide(perCall, calls);
            }
            Matcher matcher = LINE.matcher(line);
            if (framed && matcher.matches() && !matcher.group(1).equals("lua")) {
                perCall.merge(matcher.group(2).toLowerCase(Locale.ROOT), 1.0, Double::sum);
            }
        }
        throw new IllegalStateException("MONITOR did not show the end of the sample; saw " + seen.size() + " lines");
    }

    /** Sends the start marker until MONITOR shows it: MONITOR shows nothing sent before it was set up. */
    private static void awaitMonitoring(Jedis markers, String start, BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            markers.echo(start);
            Thread.sleep(20);
            for (String line : lines) {
                if (line.contains(start)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("MONITOR showed nothing within 10 s");
    }

    private static Map<String, Double> divide(Map<String, Double> counts, int calls) {
        Map<String, Double> perCall = new TreeMap<>();
        counts.forEach((command, count) -> perCall.put(command, count / calls));
        return perCall;
    }

    /** Total round trips per call, and the commands: "2.00 (evalsha 2.00)". */
    static String describe(Map<String, Double> perCall) {
        StringBuilder commands = new StringBuilder();
        perCall.forEach((command, count) -> commands.append(commands.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", command.toUpperCase(Locale.ROOT), count)));
        return String.format(Locale.ROOT, "%.2f (%s)", total(perCall), commands);
    }

    static double total(Map<String, Double> perCall) {
        return perCall.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
