package io.rediscache.it.invalidation;

import java.nio.file.Path;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evictions are never lost to an outage: with its Redis paused ({@code SIGSTOP}, so it keeps
 * the old entries), a JVM evicts a cache and deletes a value; it serves neither meanwhile, and
 * once Redis answers again the deferred clear and delete land, so the old entries, still in
 * Redis, are not served either.
 */
class InvalidationOutageTest {

    @Test
    void anEvictionDuringAnOutageIsAppliedWhenRedisAnswersAgain() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            Path paused = SteppedRun.newGoFile();
            Path resumed = SteppedRun.newGoFile();
            ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", redis.url()).set("redis.timeout.socket", "200ms");
            ForkedJvm.Result result;
            try (SteppedRun app = SteppedRun.start(jvm, OutageApp.class, paused.toString(), resumed.toString())) {
                app.awaitLine("FILLED", 60);
                redis.pause();
                try {
                    SteppedRun.signal(paused);
                    app.awaitLine("EVICTED", 60);
                } finally {
                    redis.resume();
                }
                SteppedRun.signal(resumed);
                result = app.await().assertSucceeded();
            }

            assertEquals("A@1,v1", result.get("filled"), result.describe());
            assertEquals("A@2,null", result.get("during"), "neither the evicted entry nor the deleted value is served");
            assertEquals("A@2,null,A@2", result.get("after"),
                    "the old entry, still in Redis, is not served after the outage: " + result.describe());
            assertTrue(result.stderr().contains("Cache 'book' is cleared now (the clear had waited for Redis)."),
                    result.stderr());
            assertTrue(result.stderr().contains("Cache: the deletes that waited for Redis are done."), result.stderr());
        }
    }
}
