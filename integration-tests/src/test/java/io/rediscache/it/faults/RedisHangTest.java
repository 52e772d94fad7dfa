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
 * Redis hangs (SIGSTOP: connections stay open, nothing answers) for three seconds while eight
 * threads call a cached method, then continues (SIGCONT). Every call must return the right
 * value within the socket timeout plus a generous slack, the circuit breaker must open (so
 * only the calls in flight and one probe per cool-down pay the timeout at all), and caching
 * must resume after the hang.
 *
 * <p>The socket timeout is set to 600 ms rather than left at its 200 ms default: it shows that
 * {@code redis.timeout.socket} is the bound that applies (the calls caught by the hang wait
 * about that long, none much longer), and with a 500 ms slack the test catches a call that pays
 * the timeout twice, which a failed command did while Jedis's pool opened a replacement
 * connection in the caller's thread.
 */
class RedisHangTest {

    private static final int THREADS = 8;
    private static final long SOCKET_TIMEOUT_MILLIS = 600;
    private static final long SLACK_MILLIS = 500;
    private static final String[] PHASES = {"warmup", "before", "hung", "resumed"};

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
    void everyCallReturnsWithinTheSocketTimeoutAndCachingResumes() throws Exception {
        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("redis.timeout.socket", SOCKET_TIMEOUT_MILLIS + "ms");
        ForkedJvm.Result result;
        try (FaultRun run = FaultRun.start(jvm, "warmup", THREADS, 20)) {
            run.awaitFirstHit("warmup");
            run.enter("before");
            Thread.sleep(500);
            redis.pause();
            run.enter("hung");
            Thread.sleep(3000);
            redis.resume();
            run.enter("resumed");
            Thread.sleep(4000);
            result = run.finish().assertSucceeded();
        }
        System.out.printf("Redis hung (socket timeout %d ms): the calls in flight at SIGSTOP: %s took > 100 ms, worst %s ms;"
                        + " during the hang: %s calls, worst %s ms, p50 %s us, p99 %s us, %s calls > 100 ms;"
                        + " after SIGCONT: first hit %s ms later, %s hits of %s calls%n",
                SOCKET_TIMEOUT_MILLIS, result.get("before.slowCalls"), result.get("before.worstMillis"),
                result.get("hung.calls"), result.get("hung.worstMillis"), result.get("hung.p50Micros"),
                result.get("hung.p99Micros"), result.get("hung.slowCalls"), result.get("resumed.firstHitMillis"),
                result.get("resumed.hits"), result.get("resumed.calls"));

        for (String phase : PHASES) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
        }
        for (String phase : new String[] {"before", "hung", "resumed"}) {
            assertTrue(result.getLong(phase + ".calls") >= 500, phase + ": the callers kept running\n" + result.describe());
            assertTrue(result.getLong(phase + ".worstMillis") < SOCKET_TIMEOUT_MILLIS + SLACK_MILLIS,
                    phase + ": every call returns within the socket timeout + " + SLACK_MILLIS + " ms\n" + result.describe());
        }
        assertTrue(result.getLong("before.hits") > 0, "caching worked before the hang\n" + result.describe());
        assertEquals(0, result.getLong("hung.hits"), "nothing is a hit while Redis hangs");
        assertTrue(Math.max(result.getLong("before.worstMillis"), result.getLong("hung.worstMillis")) >= SOCKET_TIMEOUT_MILLIS - 50,
                "the calls caught by the hang waited for the configured socket timeout\n" + result.describe());
        assertTrue(result.getLong("before.slowCalls") + result.getLong("hung.slowCalls") <= 2 * THREADS,
                "the breaker opened: only the calls in flight and one probe per cool-down paid the timeout\n" + result.describe());
        assertTrue(result.getLong("hung.p50Micros") < 20_000, "calls are fast while the breaker is open\n" + result.describe());
        assertTrue(result.getLong("resumed.hits") > 0, "caching resumed by itself\n" + result.describe());
        long firstHit = result.getLong("resumed.firstHitMillis");
        assertTrue(firstHit >= 0 && firstHit < 3000, "hits again within a few seconds: " + firstHit + " ms");

        String stderr = result.stderr();
        assertEquals(1, lines(stderr, FaultRun.UNREACHABLE), "the hang is logged exactly once:\n" + stderr);
        assertTrue(lines(stderr, FaultRun.UNREACHABLE, "timed out") == 1, "the warning says why:\n" + stderr);
        assertEquals(1, lines(stderr, FaultRun.BACK), "the recovery is logged exactly once:\n" + stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
    }
}
