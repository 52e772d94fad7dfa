package io.rediscache.it.sentinel;

import io.rediscache.it.topology.Deployment;
import io.rediscache.it.topology.DeploymentFunctionalScenarios;

/**
 * The functional suite on a primary, a replica and 3 sentinels, each with its own password
 * ({@code redis.sentinel.nodes}, {@code redis.sentinel.master}, {@code redis.password},
 * {@code redis.sentinel.password}).
 */
class SentinelFunctionalTest extends DeploymentFunctionalScenarios {

    SentinelFunctionalTest() {
        super(Deployment::sentinel);
    }
}
