package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.rediscache.it.harness.RedisCluster;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis Cluster of part {@code cluster}: the integration tests' {@link RedisCluster} (three
 * primaries with a replica each, six {@code redis-server} processes on free loopback ports, joined
 * by {@code redis-cli --cluster create … --cluster-replicas 1 --cluster-yes}), plus what
 * {@link BenchmarkMain} needs around the forks: the nodes to name, the stored bytes of a key, and
 * the miss runs' keys deleted from every primary. Its administrative connections are the test
 * harness's plain Jedis, never the agent's. Always {@link #close()} it: every process is stopped.
 */
final class BenchCluster implements AutoCloseable {

    private final RedisCluster cluster;
    private final List<HostAndPort> primaries;

    private BenchCluster(RedisCluster cluster) {
        this.cluster = cluster;
        this.primaries = cluster.primaries(); // no failover here: they stay the primaries
    }

    static BenchCluster start() {
        return new BenchCluster(RedisCluster.start());
    }

    /** Every node, {@code 127.0.0.1:port,…}: the agent's {@code redis.cluster.nodes}. */
    String nodes() {
        return cluster.nodes();
    }

    /** The primaries, {@code 127.0.0.1:port,…}: {@link BenchRedis#NODES_PROPERTY} for the forks' checks. */
    String primaries() {
        return primaries.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
    }

    /** The process ids of the six nodes, to pin them to a CPU. */
    List<Long> pids() {
        return cluster.pids();
    }

    /** The bytes stored under {@code key} (read from the primary of its slot), or {@code null}. */
    byte[] get(String key) {
        try (Jedis node = cluster.connect(cluster.primaryOf(key))) {
            return node.get(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Deletes what the miss benchmark stored, primary by primary ({@code SCAN} + pipelined
     * single-key {@code UNLINK}s: keys of different slots cannot share one command on a cluster).
     */
    long deleteFreshKeys() {
        long deleted = 0;
        ScanParams match = new ScanParams().match("bench|profiles-fresh|*").count(1000);
        for (HostAndPort primary : primaries) {
            try (Jedis node = cluster.connect(primary)) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = node.scan(cursor, match);
                    if (!page.getResult().isEmpty()) {
                        Pipeline unlinks = node.pipelined();
                        page.getResult().forEach(unlinks::unlink);
                        unlinks.sync();
                        deleted += page.getResult().size();
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
