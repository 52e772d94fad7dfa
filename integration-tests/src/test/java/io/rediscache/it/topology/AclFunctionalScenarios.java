package io.rediscache.it.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The functional suite as the README's least-privilege user: on every data node of the
 * deployment, the user is made from the README's {@code ACL SETUSER cacheagent} line (for the
 * suite's namespaces, {@code topo-…}), plus what the deployment needs beyond it, plus the suite's
 * {@code Cache.shared()} key (the README says to add such keys); and no data node's
 * {@code ACL LOG} shows a refusal of that user. A subclass starts the deployment without
 * passwords and says how to reach its data nodes.
 */
public abstract class AclFunctionalScenarios extends FunctionalScenarios {

    private static final String USER = "cacheagent";
    private final String password = "acl-" + UUID.randomUUID();

    /** Starts the deployment, its nodes without passwords. */
    protected abstract void startDeployment();

    /** The nodes that hold data: the user is made on each, and each one's {@code ACL LOG} is read. */
    protected abstract Collection<HostAndPort> dataNodes();

    /** An administrator's connection to {@code node}; closed by the caller. */
    protected abstract Jedis connect(HostAndPort node);

    /** The rules the deployment needs beyond the README's line (from the README too). */
    protected abstract List<String> deploymentRules();

    /** Points the agent at the deployment's nodes; the user and its password are added here. */
    protected abstract ForkedJvm pointAtNodes(ForkedJvm jvm);

    @Override
    protected final void start() {
        startDeployment();
        List<String> rules = new ArrayList<>(RedisAcl.rules("topo*", password));
        rules.addAll(deploymentRules());
        rules.add("~currency_list");
        for (HostAndPort node : dataNodes()) {
            try (Jedis admin = connect(node)) {
                RedisAcl.setUser(admin, USER, rules);
            }
        }
    }

    @Override
    protected final ForkedJvm pointAt(ForkedJvm jvm) {
        return pointAtNodes(jvm).set("redis.user", USER).set("redis.password", password);
    }

    @Override
    protected final List<String> secrets() {
        return List.of(password);
    }

    @Test
    void noDataNodeRefusedTheAgentsUser() {
        for (HostAndPort node : dataNodes()) {
            RedisAcl.assertNoRefusals("redis://" + node);
        }
    }
}
