package io.rediscache.it.locks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;

/**
 * Records the commands that Redis nodes execute ({@code MONITOR}), to check which connection
 * sent what: {@code WAIT} counts the replicas that acknowledged the writes of its own
 * connection, so each must follow the lock's acquiring script on the same node and connection.
 */
public final class CommandMonitor implements AutoCloseable {

    /** {@code 1712345678.123456 [0 127.0.0.1:40000] "EVALSHA" "…" …}: the client's address and the command. */
    private static final Pattern LINE = Pattern.compile("^\\S+ \\[\\d+ ([^\\]]+)\\] \"([A-Za-z]+)\"(.*)$");

    private static final Pattern ACQUIRE_TAIL = Pattern.compile(" 2 (\\S+) \\1\\|fence \\S+ \\S+ \\S+$");

    private final List<Jedis> nodes;
    private final List<Thread> readers = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    /** Starts monitoring each of {@code nodes} (connected and logged in as an admin); returns once all listen. */
    public CommandMonitor(List<Jedis> nodes) throws InterruptedException {
        this.nodes = nodes;
        CountDownLatch listening = new CountDownLatch(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Jedis node = nodes.get(i);
            String prefix = i + " ";
            Thread reader = new Thread(() -> {
                try {
                    node.monitor(new JedisMonitor() {
                        @Override
                        public void onCommand(String command) {
                            synchronized (lines) {
                                lines.add(prefix + command);
                            }
                        }

                        @Override
                        public void proceed(redis.clients.jedis.Connection connection) {
                            listening.countDown();
                            super.proceed(connection);
                        }
                    });
                } catch (RuntimeException closed) {
                    // the socket was closed by close()
                }
            }, "monitor-" + i);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        if (!listening.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("MONITOR did not start");
        }
    }

    /**
     * The {@code WAIT} commands seen, each with the command its own connection sent just before
     * (on the same node), as {@code "WAIT 1 1000 after EVALSHA …"}.
     */
    public List<String> waitsWithTheirPredecessor() {
        Map<String, String> lastByConnection = new HashMap<>();
        List<String> waits = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                int space = line.indexOf(' ');
                Matcher m = LINE.matcher(line.substring(space + 1));
                if (!m.matches() || m.group(1).equals("lua")) {
                    continue; // commands a script runs carry the client "lua"
                }
                String connection = line.substring(0, space) + " " + m.group(1);
                String command = m.group(2).toUpperCase() + m.group(3).replace("\"", "");
                if (command.startsWith("WAIT")) {
                    waits.add(command + " after " + lastByConnection.get(connection));
                }
                lastByConnection.put(connection, command);
            }
        }
        return waits;
    }

    /** Whether {@code command} (from {@link #waitsWithTheirPredecessor}) is the lock's acquiring script. */
    public static boolean isAcquire(String command) {
        // EVALSHA sha (or EVAL script) 2 {ns}|lock|{name} {ns}|lock|{name}|fence token lease fenceTtl
        return command != null && command.startsWith("EVAL") && ACQUIRE_TAIL.matcher(command).find();
    }

    @Override
    public void close() {
        for (Jedis node : nodes) {
            try {
                node.disconnect();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
    }
}
