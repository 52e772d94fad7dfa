package io.rediscache.it.sentinel;

import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.topology.FunctionalScenarios;

/**
 * The functional suite on a primary, a replica and 3 sentinels, each with its own password
 * ({@code redis.sentinel.nodes}, {@code redis.sentinel.master}, {@code redis.password},
 * {@code redis.sentinel.password}).
 */
class SentinelFunctionalTest extends FunctionalScenarios {

    private final String dataPassword = "data-" + UUID.randomUUID();
    private final String sentinelPassword = "sent-" + UUID.randomUUID();
    private RedisSentinelGroup group;

    @Override
    protected void start() {
        group = RedisSentinelGroup.startWithPasswords(dataPassword, sentinelPassword);
    }

    @Override
    protected ForkedJvm pointAt(ForkedJvm jvm) {
        return jvm.set("redis.sentinel.nodes", group.sentinelNodes())
                .set("redis.sentinel.master", group.masterName())
                .set("redis.password", dataPassword)
                .set("redis.sentinel.password", sentinelPassword);
    }

    @Override
    protected List<String> secrets() {
        return List.of(dataPassword, sentinelPassword);
    }

    @Override
    protected void stop() {
        if (group != null) {
            group.close();
        }
    }
}
