package io.rediscache.it.sentinel;

import java.util.Collection;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.topology.AclFunctionalScenarios;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The functional suite on a primary, a replica and 3 Sentinels as the README's least-privilege
 * user, made on both data nodes from the README's line as it is. (The Sentinels are reached with
 * their own credentials, {@code redis.sentinel.user/password}.)
 */
class SentinelAclTest extends AclFunctionalScenarios {

    private RedisSentinelGroup group;

    @Override
    protected void startDeployment() {
        group = RedisSentinelGroup.start();
    }

    @Override
    protected Collection<HostAndPort> dataNodes() {
        return group.dataNodeAddresses();
    }

    @Override
    protected Jedis connect(HostAndPort node) {
        return group.connectData(node);
    }

    @Override
    protected List<String> deploymentRules() {
        return List.of();
    }

    @Override
    protected ForkedJvm pointAtNodes(ForkedJvm jvm) {
        return jvm.set("redis.sentinel.nodes", group.sentinelNodes()).set("redis.sentinel.master", group.masterName());
    }

    @Override
    protected void stop() {
        if (group != null) {
            group.close();
        }
    }
}
