package io.rediscache.it.faults;

import io.rediscache.it.config.Logs;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that cannot evict: {@code maxmemory 3mb}, {@code noeviction}. At start the agent
 * says once what a full server will do and what to set; when the server answers writes with
 * OOM, the cached method still returns its correct result every time.
 */
class FullServerTest {

    @Test
    void aFullServerWithNoEvictionIsReportedAndCallsStayCorrect() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
            ForkedJvm.Result run = ForkedJvm.withAgent()
                    .set("redis.url", redis.url())
                    .run(FullServerApp.class)
                    .assertSucceeded();

            assertEquals("0", run.get("wrong"), run.describe());
            assertEquals("0", run.get("thrown"));
            long runs = run.getLong("runs");
            assertTrue(runs > 100 && runs < 200, "some pages were stored and hit, the rest ran again: " + runs);
            assertEquals(1, Logs.lines(run.stderr(), "[WARN]", "maxmemory-policy noeviction", "refuses every write",
                    "set maxmemory-policy volatile-lru"), run.stderr());
        }
    }
}
