package io.rediscache.it.cluster;

import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.topology.FunctionalScenarios;

/** The functional suite on a 3-primary, 3-replica Redis Cluster with a password ({@code redis.cluster.nodes}). */
class ClusterFunctionalTest extends FunctionalScenarios {

    private final String password = "cl-" + UUID.randomUUID();
    private RedisCluster cluster;

    @Override
    protected void start() {
        cluster = RedisCluster.startWithPassword(password);
    }

    @Override
    protected ForkedJvm pointAt(ForkedJvm jvm) {
        return jvm.set("redis.cluster.nodes", cluster.nodes()).set("redis.password", password);
    }

    @Override
    protected List<String> secrets() {
        return List.of(password);
    }

    @Override
    protected void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
