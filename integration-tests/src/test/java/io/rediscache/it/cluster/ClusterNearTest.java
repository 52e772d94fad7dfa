package io.rediscache.it.cluster;

import io.rediscache.it.near.NearInvalidationScenarios;
import io.rediscache.it.topology.Deployment;

/** The near cache's invalidation across two JVMs on a 3-primary, 3-replica Redis Cluster with a password. */
class ClusterNearTest extends NearInvalidationScenarios {

    @Override
    protected Deployment deploy() {
        return Deployment.cluster();
    }
}
