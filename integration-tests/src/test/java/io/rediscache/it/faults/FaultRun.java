package io.rediscache.it.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.rediscache.it.harness.ForkedJvm;

/**
 * The test's side of a {@link FaultApp} run: starts it, moves it from phase to phase through its
 * control file while the test acts on Redis, and collects the result. Always {@link #close()}
 * it: a run that is still going when a test fails is killed.
 */
final class FaultRun implements AutoCloseable {

    static final String UNREACHABLE = "is unreachable or failing";
    static final String BACK = "answers again";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Path control;
    private final ForkedJvm.Running jvm;

    private FaultRun(Path control, ForkedJvm.Running jvm) {
        this.control = control;
        this.jvm = jvm;
    }

    /** Starts {@link FaultApp} in phase {@code firstPhase} and waits until the application announced it. */
    static FaultRun start(ForkedJvm jvm, String firstPhase, int threads, int keys) throws Exception {
        return start(jvm, firstPhase, threads, keys, Long.MAX_VALUE);
    }

    /** As {@link #start(ForkedJvm, String, int, int)}, for exactly {@code maxCalls} calls in all. */
    static FaultRun start(ForkedJvm jvm, String firstPhase, int threads, int keys, long maxCalls) throws Exception {
        Path control = Files.createTempDirectory("fault-run").resolve("phase");
        write(control, firstPhase);
        FaultRun run = new FaultRun(control, jvm.timeoutSeconds(90).start(FaultApp.class,
                control.toString(), Integer.toString(threads), Integer.toString(keys), "60", Long.toString(maxCalls)));
        run.awaitPhase(firstPhase);
        return run;
    }

    /** Tells the application that phase {@code name} begins now, and waits until it noticed. */
    void enter(String name) throws Exception {
        write(control, name);
        awaitPhase(name);
    }

    /** Ends the run and returns what the application reported. */
    ForkedJvm.Result finish() throws Exception {
        write(control, "end");
        return jvm.await();
    }

    /** Waits until a call in phase {@code name} was a hit: caching works. */
    void awaitFirstHit(String name) throws Exception {
        awaitLine("FIRSTHIT " + name);
    }

    /** Waits until the agent logged a line containing {@code fragment}. */
    void awaitLog(String fragment) throws Exception {
        awaitLog(fragment, 1);
    }

    /** Waits until the agent logged {@code count} lines containing {@code fragment}. */
    void awaitLog(String fragment, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (lines(jvm.stderrSoFar(), fragment) >= count) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the agent did not log '" + fragment + "' " + count + " times within 30 s; stderr:\n"
                + jvm.stderrSoFar());
    }

    /** What the agent logged so far. */
    String stderrSoFar() throws Exception {
        return jvm.stderrSoFar();
    }

    /**
     * When the agent logged the first line containing {@code fragment}, in epoch milliseconds,
     * from the line's time stamp ({@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}). The test and the forked JVM
     * read the same system clock, so this compares with {@link System#currentTimeMillis()} taken
     * by the test.
     */
    static long loggedAt(String stderr, String fragment) {
        long[] times = loggedTimes(stderr, fragment);
        if (times.length == 0) {
            throw new AssertionError("no log line contains '" + fragment + "':\n" + stderr);
        }
        return times[0];
    }

    /** The time stamps (epoch milliseconds) of every log line containing {@code fragment}, in order. */
    static long[] loggedTimes(String stderr, String fragment) {
        return stderr.lines().filter(line -> line.contains(fragment))
                .mapToLong(line -> OffsetDateTime.parse(line.substring(0, line.indexOf(' ')), LOG_TIME).toInstant().toEpochMilli())
                .toArray();
    }

    /** The numbers of a comma-separated RESULT such as {@code phase.windowHitPercent}. */
    static double[] numbers(String list) {
        return list.isEmpty() ? new double[0] : Arrays.stream(list.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * The first window from which every later complete window (the last, cut short by the end of
     * the run, is not counted) reaches {@code floor}; -1 if none does.
     */
    static int firstWindowFromWhichAllReach(double[] hitPercent, double floor) {
        int complete = hitPercent.length - 1;
        int first = -1;
        for (int w = complete - 1; w >= 0 && hitPercent[w] >= floor; w--) {
            first = w;
        }
        return first;
    }

    /** The hit ratio of a phase, over its complete windows (the last one also holds the calls after the crash). */
    static double completeWindowsHitPercent(ForkedJvm.Result result, String phase) {
        double[] calls = FaultRun.numbers(result.get(phase + ".windowCalls"));
        double[] hitPercent = FaultRun.numbers(result.get(phase + ".windowHitPercent"));
        double hits = 0;
        double total = 0;
        for (int w = 0; w < calls.length - 1; w++) {
            hits += calls[w] * hitPercent[w] / 100;
            total += calls[w];
        }
        return total == 0 ? 0 : 100 * hits / total;
    }

    private void awaitPhase(String name) throws Exception {
        awaitLine("PHASE " + name);
    }

    private void awaitLine(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (jvm.stdoutSoFar().lines().anyMatch(line::equals)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the application did not print '" + line + "' within 30 s; stdout:\n" + jvm.stdoutSoFar()
                + "\nstderr:\n" + jvm.stderrSoFar());
    }

    private static void write(Path control, String phase) throws IOException {
        Path next = control.resolveSibling("phase.next");
        Files.writeString(next, phase, StandardCharsets.UTF_8);
        Files.move(next, control, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** How many lines of {@code text} contain every one of {@code fragments}. */
    static long lines(String text, String... fragments) {
        return text.lines().filter(line -> Arrays.stream(fragments).allMatch(line::contains)).count();
    }

    @Override
    public void close() {
        ProcessHandle.of(jvm.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
}
