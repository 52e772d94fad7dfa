package io.rediscache.it.cluster;

import io.rediscache.it.topology.Deployment;
import io.rediscache.it.topology.LockScenarios;

/** {@code @Locked} on a 3-primary, 3-replica Redis Cluster with a password. */
class ClusterLockTest extends LockScenarios {

    @Override
    protected Deployment deploy() {
        return Deployment.cluster();
    }
}
