package io.rediscache.it.cluster;

import java.util.Collection;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.topology.AclFunctionalScenarios;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The functional suite on a 3-primary, 3-replica Redis Cluster as the README's least-privilege
 * user, made on every node from the README's line plus the commands its cluster sentence adds
 * ({@link RedisAcl#readmeClusterRules()}).
 */
class ClusterAclTest extends AclFunctionalScenarios {

    private RedisCluster cluster;

    @Override
    protected void startDeployment() {
        cluster = RedisCluster.start();
    }

    @Override
    protected Collection<HostAndPort> dataNodes() {
        return cluster.nodeAddresses();
    }

    @Override
    protected Jedis connect(HostAndPort node) {
        return cluster.connect(node);
    }

    @Override
    protected List<String> deploymentRules() {
        return RedisAcl.readmeClusterRules();
    }

    @Override
    protected ForkedJvm pointAtNodes(ForkedJvm jvm) {
        return jvm.set("redis.cluster.nodes", cluster.nodes());
    }

    @Override
    protected void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
