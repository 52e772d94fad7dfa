package io.rediscache.it.locks;

import io.rediscache.it.config.Logs;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lock whose renewal fails (Redis paused while the body runs, past the lease) is marked lost:
 * the body sees {@code Locks.isLost()} turn true and the log says so; and in 1,000
 * acquire/release cycles no lock key outlives its release (PTTL -2 every time, and a second
 * later), so the renewal task never outlives the release.
 */
class LockLostTest {

    @Test
    void aFailedRenewalMarksTheLockLostAndTheBodySeesIt() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            String namespace = RedisTarget.uniqueNamespace("lost");
            ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", namespace);
            ForkedJvm.Result run;
            try (SteppedRun app = SteppedRun.start(jvm, LostLockApp.class, redis.url(), namespace)) {
                app.awaitLine("HOLDING", 60);
                redis.pause();
                try {
                    Thread.sleep(1500);
                } finally {
                    redis.resume();
                }
                run = app.await().assertSucceeded();
            }

            System.out.printf("Lost lock: the body saw Locks.isLost() %s ms after Redis was paused (lease 600 ms);"
                    + " 1,000 acquire/release cycles left %s keys behind%n", run.get("job.lostSeenAfterMillis"),
                    run.get("cycles.leftover"));
            assertEquals("false", run.get("job.lostAtStart"), run.describe());
            String seen = run.get("job.lostSeenAfterMillis");
            assertTrue(!seen.equals("never") && Long.parseLong(seen) < 1500,
                    "the body saw the loss while Redis was still paused: " + seen);
            assertEquals(1, Logs.lines(run.stderr(), "[WARN]", "Lock 'job' was lost while its holder still ran"), run.stderr());
            assertEquals("0", run.get("cycles.leftover"), "PTTL was -2 after every one of 1,000 releases");
            assertEquals("0", run.get("cycles.lostFlags"));
            assertEquals("-2", run.get("cycles.keyAfterASecond"), "no renewal outlived its release");
        }
    }
}
