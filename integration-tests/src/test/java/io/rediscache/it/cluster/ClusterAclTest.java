package io.rediscache.it.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.topology.FunctionalScenarios;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The functional suite on a 3-primary, 3-replica Redis Cluster as the README's least-privilege
 * user: on every node, the user is made from the README's {@code ACL SETUSER cacheagent} line plus
 * the commands its cluster sentence adds ({@link RedisAcl#readmeClusterRules()}), for the
 * namespaces of the suite; and no node's {@code ACL LOG} shows a refusal of that user.
 */
class ClusterAclTest extends FunctionalScenarios {

    private static final String USER = "cacheagent";
    private final String password = "acl-" + UUID.randomUUID();
    private RedisCluster cluster;

    @Override
    protected void start() {
        cluster = RedisCluster.start();
        List<String> rules = new ArrayList<>(RedisAcl.rules("topo*", password)); // the suite's namespaces: topo-…
        rules.addAll(RedisAcl.readmeClusterRules());
        rules.add("~currency_list"); // the suite's Cache.shared() key, outside the namespace (the README says to add such keys)
        for (HostAndPort node : cluster.nodeAddresses()) {
            try (Jedis admin = cluster.connect(node)) {
                RedisAcl.setUser(admin, USER, rules);
            }
        }
    }

    @Override
    protected ForkedJvm pointAt(ForkedJvm jvm) {
        return jvm.set("redis.cluster.nodes", cluster.nodes()).set("redis.user", USER).set("redis.password", password);
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

    @Test
    void noNodeRefusedTheAgentsUser() {
        for (HostAndPort node : cluster.nodeAddresses()) {
            RedisAcl.assertNoRefusals("redis://" + node);
        }
    }
}
