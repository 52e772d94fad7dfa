package io.rediscache.it.faults;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More concurrent callers than pooled connections, against a healthy Redis: 32 threads share
 * the smallest pool allowed (4, one held by the clears subscription), waiting at most 1 ms. Calls that find no free connection run uncached,
 * but a busy pool is not a failing Redis: the circuit breaker must stay closed (opening it would
 * send every call of a burst to the application's data source for a whole cool-down), and the
 * log says once what to raise.
 */
class PoolBurstTest {

    private static final int THREADS = 32;

    @Test
    void aBusyPoolIsNotAnOutage() throws Exception {
        ForkedJvm.Result result;
        try (RedisServer redis = RedisServer.start();
             FaultRun run = FaultRun.start(ForkedJvm.withAgent()
                     .set("redis.url", redis.url())
                     .set("redis.pool.size", "4")
                     .set("redis.pool.wait", "1ms"), "burst", THREADS, 20)) {
            run.awaitFirstHit("burst");
            run.awaitLog("pooled Redis connections were busy");
            Thread.sleep(2000);
            result = run.finish().assertSucceeded();
        }
        String stderr = result.stderr();
        System.out.printf("%d threads on a pool of 4 (1 ms wait): %s calls, %s hits, %s exceptions, %s wrong%n",
                THREADS, result.get("burst.calls"), result.get("burst.hits"), result.get("burst.exceptions"),
                result.get("burst.wrong"));

        assertEquals(0, result.getLong("burst.exceptions"), result.get("burst.firstException"));
        assertEquals(0, result.getLong("burst.wrong"), result.describe());
        assertTrue(result.getLong("burst.hits") > 0, result.describe());
        assertEquals(0, lines(stderr, FaultRun.UNREACHABLE), "a busy pool does not open the breaker:\n" + stderr);
        assertEquals(1, lines(stderr, "pooled Redis connections were busy", "Raise redis.pool.size"),
                "said once, with what to change:\n" + stderr);
    }
}
