package io.rediscache.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;


/**
 * The test's side of an application run it drives step by step: waits for the lines the
 * application announces, hands it a "go" file, kills it with SIGKILL. Always {@link #close()}
 * it: a run still going when a test fails is killed.
 */
public final class SteppedRun implements AutoCloseable {

    private final ForkedJvm.Running jvm;

    private SteppedRun(ForkedJvm.Running jvm) {
        this.jvm = jvm;
    }

    public static SteppedRun start(ForkedJvm jvm, Class<?> mainClass, String... arguments) throws IOException {
        return new SteppedRun(jvm.start(mainClass, arguments));
    }

    /** A path the application polls for; {@link #signal} creates it. */
    public static Path newGoFile() throws IOException {
        return Files.createTempDirectory("lock-go").resolve("go");
    }

    public static void signal(Path go) throws IOException {
        Files.createFile(go);
    }

    /** The first stdout line starting with {@code prefix}, if printed yet. */
    public Optional<String> line(String prefix) throws IOException {
        return jvm.stdoutSoFar().lines().filter(line -> line.startsWith(prefix)).findFirst();
    }

    /** Waits until the application printed a line starting with {@code prefix}, and returns it. */
    public String awaitLine(String prefix, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Optional<String> line = line(prefix);
            if (line.isPresent()) {
                return line.get();
            }
            if (!alive()) {
                throw new AssertionError("the application ended without printing '" + prefix + "': " + jvm.await().describe());
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the application did not print '" + prefix + "' within " + timeoutSeconds + " s; stdout:\n"
                + jvm.stdoutSoFar());
    }

    /** Waits until stderr (where the agent logs) has a line containing {@code fragment}, and returns that line. */
    public String awaitStderr(String fragment, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Optional<String> line = jvm.stderrSoFar().lines().filter(each -> each.contains(fragment)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!alive()) {
                throw new AssertionError("the application ended without logging '" + fragment + "': " + jvm.await().describe());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the application did not log '" + fragment + "' within " + timeoutSeconds + " s; stderr:\n"
                + jvm.stderrSoFar());
    }

    /** The value of {@code name=value} in a line such as {@code ENTERED token=abc at=123}. */
    public static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + "= in '" + line + "'");
    }

    public boolean alive() {
        return ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no finally block, no release; waits until it is gone. */
    public void kill() throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(jvm.pid());
        if (process.isPresent()) {
            process.get().destroyForcibly();
            process.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP: the whole JVM, its lease renewal included, stops as in a long GC pause or a frozen VM. */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(jvm.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + jvm.pid() + " failed");
        }
    }

    public ForkedJvm.Result await() throws Exception {
        return jvm.await();
    }

    @Override
    public void close() {
        ProcessHandle.of(jvm.pid()).ifPresent(ProcessHandle::destroyForcibly);
    }
}
