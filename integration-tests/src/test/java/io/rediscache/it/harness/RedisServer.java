package io.rediscache.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process owned by one test class, on a free loopback port, that the
 * test may stop, kill, pause ({@code SIGSTOP}) and restart on the same port. Nothing is
 * persisted. Always {@link #close()} it (the harness does).
 *
 * <p>Settings that must stay off the command line (passwords: {@code pgrep -af} would show them)
 * or that the server rewrites (Sentinel's state) go in a config file of its own directory
 * ({@link #startWithConfig}); a restart reads that file again.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private final List<String> extraArguments;
    private final boolean tls;
    private final Path configFile;
    private Process process;

    private RedisServer(int port, Path directory, List<String> extraArguments, boolean tls, Path configFile) {
        this.port = port;
        this.directory = directory;
        this.extraArguments = extraArguments;
        this.tls = tls;
        this.configFile = configFile;
    }

    /** Starts {@code redis-server} from PATH; {@code extraArguments} as on its command line, e.g. "--requirepass", "s3cret". */
    public static RedisServer start(String... extraArguments) {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-it"), List.of(extraArguments), false, null);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: is it on PATH? " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code redis-server} on {@code port} (see {@link #freePorts}) with {@code configText}
     * as its config file, then {@code extraArguments}, e.g. "--sentinel" for a Sentinel.
     */
    public static RedisServer startWithConfig(int port, String configText, String... extraArguments) {
        return startWithConfig(port, configText, false, extraArguments);
    }

    /**
     * As {@link #startWithConfig(int, String, String...)}; with {@code tls}, {@code port} is its TLS
     * port and the plain one is off ({@code configText} then names the certificate files: {@link RedisTls}).
     */
    public static RedisServer startWithConfig(int port, String configText, boolean tls, String... extraArguments) {
        try {
            Path directory = Files.createTempDirectory("redis-it");
            Path configFile = Files.writeString(directory.resolve("redis.conf"), configText);
            RedisServer server = new RedisServer(port, directory, List.of(extraArguments), tls, configFile);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server: is it on PATH? " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code redis-server} speaking TLS only (its plain port is off) with the given
     * certificate and key, trusting {@code caCertificate}; clients need no certificate of their own.
     */
    public static RedisServer startTls(Path certificate, Path privateKey, Path caCertificate, String... extraArguments) {
        try {
            List<String> arguments = new ArrayList<>(List.of(
                    "--tls-cert-file", certificate.toString(), "--tls-key-file", privateKey.toString(),
                    "--tls-ca-cert-file", caCertificate.toString(), "--tls-auth-clients", "no"));
            arguments.addAll(List.of(extraArguments));
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-it"), arguments, true, null);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server with TLS: " + e.getMessage(), e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** {@code count} different free loopback ports, held open together while they are chosen. */
    public static int[] freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private void startProcess() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server"));
        if (configFile != null) {
            command.add(configFile.toString());
        }
        command.addAll(List.of(
                "--port", tls ? "0" : Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", directory.toString(), "--logfile", directory.resolve("redis.log").toString()));
        if (tls) {
            command.addAll(List.of("--tls-port", Integer.toString(port)));
        }
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (tls) {
                    return; // listening; a plain PING would only get the connection closed
                }
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(500);
                InputStream in = socket.getInputStream();
                byte[] reply = new byte[64];
                int read = in.read(reply);
                String text = read > 0 ? new String(reply, 0, read, StandardCharsets.US_ASCII) : "";
                if (text.startsWith("+PONG") || text.startsWith("-NOAUTH")) {
                    return;
                }
            } catch (IOException notYet) {
                // retry
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within 10 s: " + log());
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port/0}, or {@code rediss://…} for a TLS server. */
    public String url() {
        return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port + "/0";
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server (SIGKILL: no shutdown save, like a crash); the port then refuses connections. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() {
        kill();
        try {
            startProcess();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGSTOP: the server keeps its connections open but answers nothing, like a hung host. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's log file and output so far, for a failure message. */
    String log() {
        try {
            Path log = directory.resolve("redis.log");
            Path stdout = directory.resolve("stdout.log");
            return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(stdout) ? Files.readString(stdout) : "");
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resumeQuietly();
            kill();
        }
    }

    private void resumeQuietly() {
        try {
            signal("CONT");
        } catch (RuntimeException ignored) {
            // not paused, or already gone
        }
    }
}
