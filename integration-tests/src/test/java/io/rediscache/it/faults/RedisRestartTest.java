package io.rediscache.it.faults;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis crashes (SIGKILL) while eight threads call a cached method, and comes back empty on the
 * same port three seconds later. No caller may see an exception or a wrong value at any time;
 * after the restart, caching must resume by itself (hits again) within a few seconds, and the
 * log must say once that Redis went away and once that it is back, not flap between the two
 * because of replies that were on their way when Redis died.
 */
class RedisRestartTest {

    private static final int THREADS = 8;
    private static final long CONNECT_TIMEOUT_MILLIS = 250;
    private static final long SLACK_MILLIS = 500;
    private static final String[] PHASES = {"warmup", "before", "down", "restarted"};

    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Test
    void cachingSurvivesACrashAndResumesAfterRestart() throws Exception {
        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("redis.timeout.connect", CONNECT_TIMEOUT_MILLIS + "ms");
        ForkedJvm.Result result;
        try (FaultRun run = FaultRun.start(jvm, "warmup", THREADS, 20)) {
            run.awaitFirstHit("warmup");
            run.enter("before");
            Thread.sleep(500);
            redis.kill();
            run.enter("down");
            Thread.sleep(3000);
            redis.restart();
            run.enter("restarted");
            Thread.sleep(4000);
            result = run.finish().assertSucceeded();
        }
        System.out.printf("Redis killed and restarted: before %s calls, %s hits; down %s calls, worst %s ms, p50 %s us,"
                        + " p99 %s us; after the restart: first hit %s ms after the server answered, %s hits of %s calls%n",
                result.get("before.calls"), result.get("before.hits"), result.get("down.calls"),
                result.get("down.worstMillis"), result.get("down.p50Micros"), result.get("down.p99Micros"),
                result.get("restarted.firstHitMillis"), result.get("restarted.hits"), result.get("restarted.calls"));

        for (String phase : PHASES) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
        }
        for (String phase : new String[] {"before", "down", "restarted"}) {
            assertTrue(result.getLong(phase + ".calls") >= 500, phase + ": the callers kept running\n" + result.describe());
            assertTrue(result.getLong(phase + ".worstMillis") < CONNECT_TIMEOUT_MILLIS + SLACK_MILLIS,
                    phase + ": bounded latency\n" + result.describe());
        }
        assertTrue(result.getLong("before.hits") > 0, "caching worked before the crash\n" + result.describe());
        assertEquals(0, result.getLong("down.hits"), "nothing is a hit while Redis is down");
        assertTrue(result.getLong("down.p50Micros") < 20_000, "calls are fast while the breaker is open\n" + result.describe());
        assertTrue(result.getLong("restarted.hits") > 0, "caching resumed by itself\n" + result.describe());
        long firstHit = result.getLong("restarted.firstHitMillis");
        assertTrue(firstHit >= 0 && firstHit < 3000, "hits again within a few seconds of the restart: " + firstHit + " ms");

        String stderr = result.stderr();
        assertEquals(1, lines(stderr, FaultRun.UNREACHABLE), "the outage is logged exactly once:\n" + stderr);
        assertEquals(1, lines(stderr, FaultRun.BACK), "the recovery is logged exactly once:\n" + stderr);
        assertTrue(stderr.indexOf(FaultRun.UNREACHABLE) < stderr.indexOf(FaultRun.BACK), stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
    }
}
