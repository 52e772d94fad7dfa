package io.rediscache.it.locks;

import java.nio.file.Path;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks when every pooled connection is busy and Redis is healthy: four threads keep the
 * agent's pool of 4 (two of them held by its subscriptions) busy with cached calls, and the
 * test pauses Redis's clients for 1.2 s ({@code CLIENT PAUSE … ALL}), so that those calls hold
 * their connections meanwhile. A lock taken before, with a 3 s lease renewed every second, must
 * not be reported lost: its renewals found no connection, but Redis kept its key, and a renewal
 * retried after the pause succeeds within the lease. A second lock tried during the pause is
 * unavailable, and says that the pool was busy and which settings to change, not that Redis failed.
 */
class LockBusyPoolTest {

    @Test
    void aBusyPoolNeitherLosesAHeldLockNorPassesForAFailingRedis() throws Exception {
        ForkedJvm.Result result;
        try (RedisServer redis = RedisServer.start(); Jedis admin = new Jedis(redis.host(), redis.port())) {
            Path go = SteppedRun.newGoFile();
            ForkedJvm agent = ForkedJvm.withAgent()
                    .set("redis.url", redis.url())
                    .set("cache.namespace", "busy")
                    .set("redis.pool.size", "4")
                    .set("redis.pool.wait", "1ms")
                    .set("redis.timeout.socket", "3s"); // the paused calls wait for the pause, not time out
            try (SteppedRun run = SteppedRun.start(agent, BusyPoolLockApp.class, go.toString(), "2500")) {
                run.awaitLine("HELD", 30);
                Thread.sleep(1200); // the holder's lease has been renewed at least once
                admin.clientPause(1200, ClientPauseMode.ALL);
                SteppedRun.signal(go);
                result = run.await().assertSucceeded();
            }
        }
        String stderr = result.stderr();
        assertEquals("none", result.get("holder.failure"), result.describe());
        assertEquals("false", result.get("holder.lost"), "renewals that found no free connection do not lose the lock: " + stderr);
        assertFalse(stderr.contains("was lost while its holder still ran"), stderr);
        String other = result.get("other");
        System.out.println("Busy pool: the held lock was not lost; the second lock: " + other);
        assertTrue(other.startsWith("io.rediscache.LockUnavailableException") && other.contains("redis.pool.wait")
                && other.contains("raise redis.pool.size") && !other.contains("failed for lock"), other);
        assertTrue(stderr.contains("were busy for redis.pool.wait=1 ms"), "said, with the setting: " + stderr);
        assertFalse(stderr.contains("is unreachable or failing"), "a busy pool is not an outage: " + stderr);
    }
}
