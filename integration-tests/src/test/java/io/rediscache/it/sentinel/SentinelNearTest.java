package io.rediscache.it.sentinel;

import io.rediscache.it.near.NearInvalidationScenarios;
import io.rediscache.it.topology.Deployment;

/** The near cache's invalidation across two JVMs on a primary, a replica and 3 sentinels, each with its own password. */
class SentinelNearTest extends NearInvalidationScenarios {

    @Override
    protected Deployment deploy() {
        return Deployment.sentinel();
    }
}
