package io.rediscache.it.sentinel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.topology.FunctionalScenarios;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The functional suite on a primary, a replica and 3 Sentinels as the README's least-privilege
 * user, made on both data nodes from the README's {@code ACL SETUSER cacheagent} line for the
 * namespaces of the suite; no data node's {@code ACL LOG} shows a refusal of that user. (The
 * Sentinels are reached with their own credentials, {@code redis.sentinel.user/password}.)
 */
class SentinelAclTest extends FunctionalScenarios {

    private static final String USER = "cacheagent";
    private final String password = "acl-" + UUID.randomUUID();
    private RedisSentinelGroup group;

    @Override
    protected void start() {
        group = RedisSentinelGroup.start();
        List<String> rules = new ArrayList<>(RedisAcl.rules("topo*", password)); // the suite's namespaces: topo-…
        rules.add("~currency_list"); // the suite's Cache.shared() key, outside the namespace (the README says to add such keys)
        for (HostAndPort node : group.dataNodeAddresses()) {
            try (Jedis admin = group.connectData(node)) {
                RedisAcl.setUser(admin, USER, rules);
            }
        }
    }

    @Override
    protected ForkedJvm pointAt(ForkedJvm jvm) {
        return jvm.set("redis.sentinel.nodes", group.sentinelNodes()).set("redis.sentinel.master", group.masterName())
                .set("redis.user", USER).set("redis.password", password);
    }

    @Override
    protected List<String> secrets() {
        return List.of(password);
    }

    @Override
    protected void stop() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void noDataNodeRefusedTheAgentsUser() {
        for (HostAndPort node : group.dataNodeAddresses()) {
            RedisAcl.assertNoRefusals("redis://" + node);
        }
    }
}
