package io.rediscache.it.locks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;

/**
 * What {@code lock.replicas=1} costs: acquire + release of an empty {@code @Locked} method on a
 * primary with one replica on loopback, {@code lock.replicas=0} against {@code 1}. The setting
 * is one per JVM, so the two run in alternating rounds of forked JVMs (0, 1, 0, 1, …) against
 * the same servers, each round 2 s of warm-up and 5 s measured. A report, not a check, so its
 * name keeps it out of the test runs (Surefire runs {@code *Test} classes); run it with
 * {@code mvn -B -pl integration-tests -am verify -Dtest=LockReplicasCostReport
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.acl.skip=true}.
 */
class LockReplicasCostReport {

    private static final int ROUNDS = 3;

    @Test
    void report() throws Exception {
        try (RedisServer primary = RedisServer.start();
                RedisServer replica = RedisServer.start("--replicaof", "127.0.0.1", Integer.toString(primary.port()))) {
            LockReplicasTest.awaitReplicaOnline(primary.url());
            List<String> lines = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (String replicas : List.of("0", "1")) {
                    String namespace = RedisTarget.uniqueNamespace("cost");
                    ForkedJvm.Result run = ForkedJvm.withAgent().set("redis.url", primary.url())
                            .set("cache.namespace", namespace).set("lock.replicas", replicas)
                            .set("lock.replicas.timeout", "1s")
                            .run(ReplicaCostApp.class, "5").assertSucceeded();
                    lines.add(String.format("round %d lock.replicas=%s: %s calls, p50 %s us, p99 %s us, mean %s us",
                            round + 1, replicas, run.get("cost.calls"), run.get("cost.p50Micros"), run.get("cost.p99Micros"),
                            run.get("cost.meanMicros")));
                }
            }
            lines.forEach(System.out::println);
        }
    }
}
