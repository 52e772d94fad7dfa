package io.rediscache.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs a "legacy application" main class in a fresh JVM, with the real agent jar attached
 * ({@code -javaagent:agent/target/redis-cache-agent.jar=config=…}) or without it, and collects
 * what it printed. Applications report facts as lines {@code RESULT name=value}; everything
 * else on stdout and stderr (the agent logs to stderr) is kept for assertions on logs.
 */
public final class ForkedJvm {

    private String javaHome = System.getProperty("java.home");
    private final Properties agentProperties = new Properties();
    private boolean withAgent = true;
    private String extraAgentArguments = "";
    private String replacementArguments;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String classPath = System.getProperty("java.class.path");
    private long timeoutSeconds = 60;

    public static ForkedJvm withAgent() {
        return new ForkedJvm();
    }

    public static ForkedJvm withoutAgent() {
        ForkedJvm jvm = new ForkedJvm();
        jvm.withAgent = false;
        return jvm;
    }

    /** The agent jar built by the agent module; the build fails loudly when it is missing. */
    public static Path agentJar() {
        Path jar = Paths.get(System.getProperty("agent.jar", "../agent/target/redis-cache-agent.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not found at " + jar + "; build it with mvn -B verify at the root");
        }
        return jar;
    }

    /**
     * The home of the second JDK the tests run the agent on (Temurin 25, installed beside the
     * default Java 17), from system property {@code it.jdk25.home}. Fails, never skips, when it
     * is missing: a JDK 25 run that silently did not happen would prove nothing.
     */
    public static String jdk25Home() {
        String home = System.getProperty("it.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
        if (!Files.isExecutable(Paths.get(home, "bin", "java"))) {
            throw new AssertionError("no JDK 25 at " + home + " (system property it.jdk25.home); install Temurin 25"
                    + " there or run mvn -Dit.jdk25.home=/path/to/jdk-25");
        }
        return home;
    }

    /** A setting written to the agent's properties file. */
    public ForkedJvm set(String key, String value) {
        agentProperties.setProperty(key, value);
        return this;
    }

    /** Raw text appended after {@code config=…} in the {@code -javaagent} argument, e.g. {@code ,cache.ttl=5s}. */
    public ForkedJvm agentArguments(String text) {
        extraAgentArguments = text;
        return this;
    }

    /** The whole text after {@code =} in {@code -javaagent:jar=…}, instead of the written properties file. */
    public ForkedJvm agentArgumentsReplacingConfig(String text) {
        replacementArguments = text;
        return this;
    }

    public ForkedJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public ForkedJvm environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ForkedJvm javaHome(String home) {
        javaHome = home;
        return this;
    }

    public ForkedJvm classPath(String path) {
        classPath = path;
        return this;
    }

    public ForkedJvm timeoutSeconds(long seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    /** Starts the JVM and returns at once; for tests that act on Redis while the application runs. */
    public Running start(Class<?> mainClass, String... arguments) throws IOException {
        Path workDirectory = Files.createTempDirectory("forked-jvm");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(javaHome, "bin", "java").toString());
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        if (withAgent) {
            Path config = workDirectory.resolve("agent.properties");
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                agentProperties.store(out, "written by ForkedJvm");
            }
            command.add("-javaagent:" + agentJar() + "="
                    + (replacementArguments != null ? replacementArguments : "config=" + config + extraAgentArguments));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectOutput(workDirectory.resolve("stdout.txt").toFile())
                .redirectError(workDirectory.resolve("stderr.txt").toFile());
        builder.environment().remove("REDIS_URL");
        builder.environment().keySet().removeIf(name -> name.startsWith("REDISCACHE_"));
        builder.environment().putAll(environment);
        return new Running(builder.start(), workDirectory, timeoutSeconds);
    }

    /** Runs the JVM to its end. */
    public Result run(Class<?> mainClass, String... arguments) throws IOException, InterruptedException {
        return start(mainClass, arguments).await();
    }

    /** A JVM that was started and has not been awaited yet. */
    public static final class Running {
        private final Process process;
        private final Path workDirectory;
        private final long timeoutSeconds;

        Running(Process process, Path workDirectory, long timeoutSeconds) {
            this.process = process;
            this.workDirectory = workDirectory;
            this.timeoutSeconds = timeoutSeconds;
        }

        public long pid() {
            return process.pid();
        }

        /** What the application printed so far on stdout, in complete lines (see {@link #completeLines}). */
        public String stdoutSoFar() throws IOException {
            return completeLines(workDirectory.resolve("stdout.txt"));
        }

        /** What the application (and the agent, which logs there) printed so far on stderr, in complete lines. */
        public String stderrSoFar() throws IOException {
            return completeLines(workDirectory.resolve("stderr.txt"));
        }

        /**
         * The file up to its last line break: the process is still writing, and a line without
         * its break may be cut anywhere (a test once read {@code DONE43 seenMicros=1796} of a
         * longer line as the whole answer), even inside a character's UTF-8 bytes.
         */
        private static String completeLines(Path file) throws IOException {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }

        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("forked JVM did not finish within " + timeoutSeconds + " s; stdout:\n"
                        + Files.readString(workDirectory.resolve("stdout.txt")) + "\nstderr:\n"
                        + Files.readString(workDirectory.resolve("stderr.txt")));
            }
            return new Result(process.exitValue(), Files.readString(workDirectory.resolve("stdout.txt")),
                    Files.readString(workDirectory.resolve("stderr.txt")));
        }
    }

    /** What a forked JVM did. */
    public static final class Result {
        private final int exitCode;
        private final String stdout;
        private final String stderr;
        private final Map<String, String> results = new LinkedHashMap<>();

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            for (String line : stdout.split("\n")) {
                if (line.startsWith("RESULT ")) {
                    int equals = line.indexOf('=');
                    results.put(line.substring("RESULT ".length(), equals), line.substring(equals + 1).trim());
                }
            }
        }

        public int exitCode() {
            return exitCode;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        /** The value the application reported as {@code RESULT name=value}; fails the test when absent. */
        public String get(String name) {
            String value = results.get(name);
            if (value == null) {
                throw new AssertionError("the application reported no RESULT " + name + "; " + describe());
            }
            return value;
        }

        public long getLong(String name) {
            return Long.parseLong(get(name));
        }

        public Map<String, String> results() {
            return results;
        }

        /** Exit code, stdout and stderr, for assertion messages. */
        public String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        /** Fails unless the JVM exited with 0. */
        public Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("forked JVM failed: " + describe());
            }
            return this;
        }
    }
}
