package io.rediscache.it.cluster;

import io.rediscache.it.topology.Deployment;
import io.rediscache.it.topology.DeploymentFunctionalScenarios;

/** The functional suite on a 3-primary, 3-replica Redis Cluster with a password ({@code redis.cluster.nodes}). */
class ClusterFunctionalTest extends DeploymentFunctionalScenarios {

    ClusterFunctionalTest() {
        super(Deployment::cluster);
    }
}
