package io.rediscache.it.faults;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.topology.Deployment;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More concurrent callers than pooled connections, against a healthy Redis: 32 threads share
 * the smallest pool allowed (4, one held by the clears subscription), waiting at most 1 ms. Calls that find no free connection run uncached,
 * but a busy pool is not a failing Redis: the circuit breaker must stay closed (opening it would
 * send every call of a burst to the application's data source for a whole cool-down), and the
 * log says once what to raise. The same on a Redis Cluster (a pool of 4 per node) and behind
 * Sentinel, whose pools are Jedis's own.
 */
class PoolBurstTest {

    private static final int THREADS = 32;

    @Test
    void aBusyPoolIsNotAnOutage() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            burst(ForkedJvm.withAgent().set("redis.url", redis.url()), "one server");
        }
    }

    @Test
    void aBusyPoolOfAClusterNodeIsNotAnOutage() throws Exception {
        try (Deployment cluster = Deployment.cluster()) {
            burst(cluster.agent(RedisTarget.uniqueNamespace("burst")), "a cluster");
        }
    }

    @Test
    void aBusyPoolBehindSentinelIsNotAnOutage() throws Exception {
        try (Deployment sentinel = Deployment.sentinel()) {
            burst(sentinel.agent(RedisTarget.uniqueNamespace("burst")), "Sentinel");
        }
    }

    private static void burst(ForkedJvm agent, String deployment) throws Exception {
        ForkedJvm.Result result;
        try (FaultRun run = FaultRun.start(agent.set("redis.pool.size", "4").set("redis.pool.wait", "1ms"), "burst", THREADS, 20)) {
            run.awaitFirstHit("burst");
            run.awaitLog("were busy for redis.pool.wait");
            Thread.sleep(2000);
            result = run.finish().assertSucceeded();
        }
        String stderr = result.stderr();
        System.out.printf("%s, %d threads on pools of 4 (1 ms wait): %s calls, %s hits, %s exceptions, %s wrong%n",
                deployment, THREADS, result.get("burst.calls"), result.get("burst.hits"), result.get("burst.exceptions"),
                result.get("burst.wrong"));

        assertEquals(0, result.getLong("burst.exceptions"), result.get("burst.firstException"));
        assertEquals(0, result.getLong("burst.wrong"), result.describe());
        assertTrue(result.getLong("burst.hits") > 0, result.describe());
        assertEquals(0, lines(stderr, FaultRun.UNREACHABLE), "a busy pool does not open the breaker:\n" + stderr);
        assertEquals(1, lines(stderr, "were busy for redis.pool.wait", "Raise redis.pool.size"),
                "said once, with what to change:\n" + stderr);
    }
}
