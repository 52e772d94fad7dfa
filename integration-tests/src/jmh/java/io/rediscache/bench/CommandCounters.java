package io.rediscache.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * Redis's own command counters ({@code INFO commandstats}) of the benchmark's Redis, summed over
 * the nodes that serve keys: the one server of {@code -Dbench.redis.url}, or every primary named
 * by {@code -Dbench.redis.nodes} (part {@code cluster}), since a cluster client sends each command
 * to the primary of its key's slot and each primary counts only its own. A trial's check reads
 * them before and after it measures; no other client sends commands meanwhile, as the benchmark's
 * Redis serves one fork at a time.
 */
final class CommandCounters implements AutoCloseable {

    private final List<String> names = new ArrayList<>();
    private final List<RedisClient> nodes = new ArrayList<>();

    private CommandCounters() {
    }

    /** One client per node of the fork's Redis; close it. */
    static CommandCounters open() {
        CommandCounters counters = new CommandCounters();
        String cluster = System.getProperty(BenchRedis.NODES_PROPERTY);
        if (cluster == null || cluster.isBlank()) {
            counters.names.add("127.0.0.1:" + BenchRedis.port());
            counters.nodes.add(BenchRedis.client(2, 1_000));
            return counters;
        }
        for (String node : cluster.split(",")) {
            if (!node.startsWith("127.0.0.1:")) {
                counters.close();
                throw new IllegalStateException("-D" + BenchRedis.NODES_PROPERTY + " must name loopback nodes"
                        + " (127.0.0.1:port,…), got " + cluster);
            }
            counters.names.add(node);
            counters.nodes.add(BenchRedis.client(Integer.parseInt(node.substring("127.0.0.1:".length())), 2, 1_000));
        }
        return counters;
    }

    /** Whether the fork's Redis is a cluster (its primaries are counted, each on its own). */
    static boolean cluster() {
        String cluster = System.getProperty(BenchRedis.NODES_PROPERTY);
        return cluster != null && !cluster.isBlank();
    }

    /** How many times the nodes together executed {@code command} so far. */
    long calls(String command) {
        long sum = 0;
        for (long calls : callsPerNode(command)) {
            sum += calls;
        }
        return sum;
    }

    /** How many times each node executed {@code command} so far, in {@link #names()} order. */
    long[] callsPerNode(String command) {
        long[] calls = new long[nodes.size()];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = BenchRedis.calls(nodes.get(i), command);
        }
        return calls;
    }

    /** The nodes counted, as {@code 127.0.0.1:port}. */
    List<String> names() {
        return names;
    }

    /** {@code INFO keyspace} of every node, one after the other. */
    String keyspace() {
        StringBuilder text = new StringBuilder();
        for (RedisClient node : nodes) {
            text.append(node.info("keyspace")).append('\n');
        }
        return text.toString();
    }

    /** "127.0.0.1:7001 3,412 (34 %), 127.0.0.1:7002 …": how {@code counts} (per node) split between the nodes. */
    String describe(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d (%.0f %%)", names.get(i), counts[i],
                    total == 0 ? 0.0 : 100.0 * counts[i] / total));
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (RedisClient node : nodes) {
            node.close();
        }
    }
}
