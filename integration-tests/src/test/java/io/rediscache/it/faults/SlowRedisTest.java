package io.rediscache.it.faults;

import java.util.Arrays;

import io.rediscache.it.harness.FaultProxy;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow Redis: a {@link FaultProxy} between the agent and Redis adds 50 ms to every round trip
 * (25 ms each way) while eight threads call a cached method, with the default 200 ms socket
 * timeout. What the agent does, shown and asserted: it waits, because a round trip still fits
 * in the timeout; calls stay correct, stay hits, and a hit takes about one round trip (≥ 50 ms,
 * well under the timeout; a call that opens a new pooled connection also pays the connection's
 * handshake, a few round trips more); the breaker does not open. Then the proxy adds 300 ms (more than
 * the timeout): every call still returns correct within the timeout plus slack, the breaker
 * opens and calls bypass Redis (fast, uncached). When the latency goes away, caching resumes.
 */
class SlowRedisTest {

    private static final long SOCKET_TIMEOUT_MILLIS = 200;
    private static final long SLACK_MILLIS = 300;
    private static final String[] PHASES = {"warmup", "before", "slow", "slower", "fast"};

    @Test
    void aRoundTripWithinTheTimeoutIsWaitedForOneBeyondItIsBypassed() throws Exception {
        ForkedJvm.Result result;
        long slowAt;
        long slowerAt;
        try (RedisServer redis = RedisServer.start(); FaultProxy proxy = FaultProxy.to(redis);
             FaultRun run = FaultRun.start(ForkedJvm.withAgent().set("redis.url", proxy.url()), "warmup", 8, 20)) {
            run.awaitFirstHit("warmup");
            Thread.sleep(300);
            run.enter("before");
            Thread.sleep(1000);
            slowAt = System.currentTimeMillis();
            proxy.latency(25);
            run.enter("slow");
            Thread.sleep(3000);
            slowerAt = System.currentTimeMillis();
            proxy.latency(150);
            run.enter("slower");
            Thread.sleep(2500);
            proxy.pass();
            run.enter("fast");
            Thread.sleep(2500);
            result = run.finish().assertSucceeded();
        }
        for (String phase : PHASES) {
            System.out.printf("Slow Redis, phase %s: %s calls, %s hits, %s exceptions, %s wrong, p50 %s us, p99 %s us,"
                            + " worst %s ms%n", phase, result.get(phase + ".calls"), result.get(phase + ".hits"),
                    result.get(phase + ".exceptions"), result.get(phase + ".wrong"), result.get(phase + ".p50Micros"),
                    result.get(phase + ".p99Micros"), result.get(phase + ".worstMillis"));
        }

        for (String phase : PHASES) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
            assertTrue(result.getLong(phase + ".worstMillis") < SOCKET_TIMEOUT_MILLIS + SLACK_MILLIS,
                    phase + ": no call waits longer than the socket timeout + slack\n" + result.describe());
        }

        // +50 ms: waited for, within the timeout
        long slowCalls = result.getLong("slow.calls");
        assertTrue(slowCalls >= 100, "the callers kept running\n" + result.describe());
        assertTrue(result.getLong("slow.hits") >= 0.95 * slowCalls, "the calls are hits: the agent waits for the slow"
                + " round trip\n" + result.describe());
        assertTrue(result.getLong("slow.p50Micros") >= 50_000, "a hit takes at least the 50 ms round trip\n" + result.describe());
        assertTrue(result.getLong("slow.p50Micros") < 150_000, "a hit takes about one round trip\n" + result.describe());
        String stderr = result.stderr();
        long[] opened = FaultRun.loggedTimes(stderr, FaultRun.UNREACHABLE);
        assertTrue(Arrays.stream(opened).noneMatch(at -> at > slowAt && at < slowerAt),
                "no call failed while a round trip took 50 ms: the breaker did not open\n" + stderr);

        // +300 ms: beyond the timeout, bypassed
        assertTrue(Arrays.stream(opened).anyMatch(at -> at >= slowerAt),
                "round trips beyond the timeout open the breaker\n" + stderr);
        assertTrue(lines(stderr, FaultRun.UNREACHABLE, "timed out") >= 1, "the warning says why:\n" + stderr);
        assertTrue(result.getLong("slower.p50Micros") < 20_000, "with the breaker open, calls bypass Redis\n" + result.describe());

        // and back
        assertTrue(result.getLong("fast.hits") > 0, "caching resumed\n" + result.describe());
        long[] back = FaultRun.loggedTimes(stderr, FaultRun.BACK);
        assertTrue(back.length > 0 && back[back.length - 1] >= slowerAt, "Redis is used again after the latency:\n" + stderr);
        assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
    }
}
