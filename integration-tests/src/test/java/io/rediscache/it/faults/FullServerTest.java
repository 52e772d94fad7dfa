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
 * OOM, the cached method still returns its correct result every time, the refusal is said once,
 * and it is not taken for an outage: after more refused writes in a row than the circuit
 * breaker's threshold, the values the server holds are still served as hits.
 */
class FullServerTest {

    @Test
    void aFullServerWithNoEvictionIsReportedAndCallsStayCorrect() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
            ForkedJvm.Result run = ForkedJvm.withAgent()
                    .set("redis.url", redis.url())
                    .run(FullServerApp.class)
                    .assertSucceeded();
            System.out.printf("Full server (3 MB, noeviction): %s body runs for 200 calls; after 5 refused writes in a"
                            + " row, %s of 10 calls for stored pages were hits%n", run.get("runs"),
                    run.get("hitsAfterRefusedWrites"));

            assertEquals("0", run.get("wrong"), run.describe());
            assertEquals("0", run.get("thrown"));
            long runs = run.getLong("runs");
            assertTrue(runs > 100 && runs < 200, "some pages were stored and hit, the rest ran again: " + runs);
            String stderr = run.stderr();
            assertEquals(1, Logs.lines(stderr, "[WARN]", "maxmemory-policy noeviction", "refuses every write",
                    "set maxmemory-policy volatile-lru"), stderr);

            assertEquals("0", run.get("wrongAfterRefusedWrites"), run.describe());
            assertEquals("0", run.get("thrownAfterRefusedWrites"), run.describe());
            assertEquals("10", run.get("hitsAfterRefusedWrites"), "a full server still serves what it holds: refused"
                    + " writes do not open the circuit breaker\n" + run.describe());
            assertEquals(0, Logs.lines(stderr, FaultRun.UNREACHABLE), "a full server is not an outage:\n" + stderr);
            assertEquals(1, Logs.lines(stderr, "[WARN]", "is full and refuses writes (OOM", "Set maxmemory-policy"),
                    "the refused writes are said once:\n" + stderr);
        }
    }
}
