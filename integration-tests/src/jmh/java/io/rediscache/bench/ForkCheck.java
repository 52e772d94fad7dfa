package io.rediscache.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Guards that each benchmark runs in the kind of fork it claims to measure, and records what
 * each trial's end-of-run check found ({@code -Dbench.checks=<file>}, one line per trial), so
 * the results say, for instance, how many calls were degraded by a Redis timeout, and the
 * figures a trial measured besides its time ({@code -Dbench.figures=<file>}).
 */
final class ForkCheck {

    /** System property naming the file the trials' check lines are appended to. */
    static final String CHECKS_PROPERTY = "bench.checks";
    /** System property naming the file the trials' other figures are appended to. */
    static final String FIGURES_PROPERTY = "bench.figures";

    /**
     * Calls that may time out (the 200 ms socket timeout, when this shared 2-core machine stalls a
     * process) before a trial counts as broken: one in ten thousand. A timed-out hit is a call the
     * agent ran uncached, as designed; it stays in the measured time.
     */
    static long tolerated(long calls) {
        return calls / 10_000;
    }

    /** Prints a trial's check and appends it to the checks file. */
    static void report(String benchmark, String line) {
        String text = benchmark + ": " + line;
        System.out.printf("%ncheck %s%n", text);
        append(System.getProperty(CHECKS_PROPERTY), text);
    }

    /**
     * Prints a figure a trial measured besides its time (such as round trips per call) and
     * appends it as {@code name=value} to the figures file, for the results table.
     */
    static void figure(String name, String value) {
        System.out.printf("%nfigure %s=%s%n", name, value);
        append(System.getProperty(FIGURES_PROPERTY), name + "=" + value);
    }

    private static void append(String file, String line) {
        if (file != null) {
            try {
                Files.write(Paths.get(file), (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.out.println("cannot append to " + file + ": " + e);
            }
        }
    }

    private ForkCheck() {
    }

    static boolean agentAttached() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:") && argument.contains("redis-cache-agent")) {
                return true;
            }
        }
        return false;
    }

    static void requireAgent() {
        if (!agentAttached()) {
            throw new IllegalStateException("this benchmark measures the agent, but no -javaagent is attached:"
                    + " run it through BenchmarkMain (integration-tests/bench.sh)");
        }
    }

    static void requireNoAgent() {
        if (agentAttached()) {
            throw new IllegalStateException("this benchmark must run without the agent, but it is attached");
        }
    }
}
