package io.rediscache.it.sentinel;

import io.rediscache.it.topology.Deployment;
import io.rediscache.it.topology.LockScenarios;

/** {@code @Locked} on a primary, a replica and 3 sentinels, each with its own password. */
class SentinelLockTest extends LockScenarios {

    @Override
    protected Deployment deploy() {
        return Deployment.sentinel();
    }
}
