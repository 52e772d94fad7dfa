package io.rediscache.it.faults;

import io.rediscache.it.harness.FaultProxy;
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
 * Redis hangs (connections stay open, nothing answers) for a few seconds while threads call a
 * cached method, then answers again. Every call must return the right value within the bound
 * that applies (the socket timeout, plus the pool wait when the pool is the bottleneck, plus a
 * scheduling slack), never Jedis's 2 s default; the circuit breaker must open within 1 s of the
 * hang (from the test's clock just before it to the time stamp of the agent's "unreachable"
 * line, logged by the breaker as it opens; both processes read the same system clock), so only
 * the calls in flight and one probe per cool-down pay the timeout at all; no caller thread may
 * stay stuck (the application's threads all finish); caching resumes after the hang.
 *
 * <p>Three hangs: SIGSTOP on the server with {@code redis.timeout.socket=600ms}, which shows
 * that the configured timeout is the bound that applies (the calls caught by the hang wait about
 * that long, none much longer; with a 500 ms slack this catches a call that pays the timeout
 * twice, which a failed command did while Jedis's pool opened a replacement connection in the
 * caller's thread); a {@link FaultProxy} that swallows all traffic, with the default timeouts;
 * and SIGSTOP with a pool of four connections (one held by the clears subscription) for sixteen
 * threads, where most callers wait for a pooled connection: that wait is bounded by
 * {@code redis.pool.wait}.
 */
class RedisHangTest {

    private static final long DEFAULT_SOCKET_TIMEOUT_MILLIS = 200;
    private static final long DEFAULT_POOL_WAIT_MILLIS = 200;
    private static final long BREAKER_OPEN_BOUND_MILLIS = 1000;
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
    void serverStoppedEveryCallReturnsWithinTheConfiguredSocketTimeout() throws Exception {
        long socketTimeout = 600;
        Hang hang = run("SIGSTOP, socket timeout 600 ms", redis.url(), 8,
                ForkedJvm.withAgent().set("redis.timeout.socket", socketTimeout + "ms"), redis::pause, redis::resume);
        hang.assertHandled(socketTimeout, 0, 500);
    }

    @Test
    void trafficSwallowedEveryCallReturnsWithinTheDefaultSocketTimeout() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(redis)) {
            Hang hang = run("proxy blackhole, default timeouts", proxy.url(), 8, ForkedJvm.withAgent(), proxy::blackhole, proxy::pass);
            hang.assertHandled(DEFAULT_SOCKET_TIMEOUT_MILLIS, 0, 300);
        }
    }

    @Test
    void serverStoppedWithASmallPoolTheWaitForAConnectionIsBounded() throws Exception {
        Hang hang = run("SIGSTOP, pool of 4 for 16 threads, default timeouts", redis.url(), 16,
                ForkedJvm.withAgent().set("redis.pool.size", "4"), redis::pause, redis::resume);
        hang.assertHandled(DEFAULT_SOCKET_TIMEOUT_MILLIS, DEFAULT_POOL_WAIT_MILLIS, 300);
    }

    private static Hang run(String what, String url, int threads, ForkedJvm jvm, Runnable hang, Runnable heal) throws Exception {
        jvm.set("redis.url", url);
        try (FaultRun run = FaultRun.start(jvm, "warmup", threads, 20)) {
            run.awaitFirstHit("warmup");
            run.enter("before");
            Thread.sleep(500);
            long hungAt = System.currentTimeMillis();
            hang.run();
            run.enter("hung");
            Thread.sleep(2500);
            heal.run();
            run.enter("resumed");
            Thread.sleep(3000);
            ForkedJvm.Result result = run.finish().assertSucceeded(); // every caller thread finished: none stuck
            return new Hang(what, threads, result, FaultRun.loggedAt(result.stderr(), FaultRun.UNREACHABLE) - hungAt);
        }
    }

    /** What one hang did to the calls. */
    private static final class Hang {
        final String what;
        final int threads;
        final ForkedJvm.Result result;
        final long breakerOpenMillis;

        Hang(String what, int threads, ForkedJvm.Result result, long breakerOpenMillis) {
            this.what = what;
            this.threads = threads;
            this.result = result;
            this.breakerOpenMillis = breakerOpenMillis;
        }

        /**
         * @param socketTimeoutMillis what a call caught by the hang waits on its connection
         * @param poolWaitMillis what it may wait for a connection first (0 when the pool is not the bottleneck)
         * @param slackMillis for scheduling, on top
         */
        void assertHandled(long socketTimeoutMillis, long poolWaitMillis, long slackMillis) {
            long boundMillis = poolWaitMillis + socketTimeoutMillis;
            System.out.printf("Redis hung (%s, %d threads): breaker open %d ms after the hang; the calls in flight when it"
                            + " began: %s > 100 ms, worst %s ms; during the hang: %s calls, worst %s ms, p50 %s us,"
                            + " p99 %s us, %s calls > 100 ms; after it: first hit %s ms later, %s hits of %s calls;"
                            + " exceptions %d, wrong %d%n",
                    what, threads, breakerOpenMillis, result.get("before.slowCalls"), result.get("before.worstMillis"),
                    result.get("hung.calls"), result.get("hung.worstMillis"), result.get("hung.p50Micros"),
                    result.get("hung.p99Micros"), result.get("hung.slowCalls"), result.get("resumed.firstHitMillis"),
                    result.get("resumed.hits"), result.get("resumed.calls"), sum("exceptions"), sum("wrong"));

            for (String phase : PHASES) {
                assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
                assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
            }
            for (String phase : new String[] {"before", "hung", "resumed"}) {
                assertTrue(result.getLong(phase + ".calls") >= 500, phase + ": the callers kept running\n" + result.describe());
                assertTrue(result.getLong(phase + ".worstMillis") < boundMillis + slackMillis,
                        phase + ": every call returns within " + boundMillis + " ms + " + slackMillis + " ms\n" + result.describe());
            }
            assertTrue(result.getLong("before.hits") > 0, "caching worked before the hang\n" + result.describe());
            assertTrue(Math.max(result.getLong("before.worstMillis"), result.getLong("hung.worstMillis")) >= socketTimeoutMillis - 50,
                    "the calls caught by the hang waited for the bound, so the hang was real\n" + result.describe());
            assertTrue(breakerOpenMillis >= 0 && breakerOpenMillis <= BREAKER_OPEN_BOUND_MILLIS,
                    "the breaker opened within 1 s of the hang: " + breakerOpenMillis + " ms\n" + result.stderr());
            assertTrue(result.getLong("before.slowCalls") + result.getLong("hung.slowCalls") <= 2L * threads,
                    "the breaker opened: only the calls in flight and one probe per cool-down paid the timeout\n"
                            + result.describe());
            double[] hungWindows = FaultRun.numbers(result.get("hung.windowHitPercent"));
            for (int w = 0; w < hungWindows.length - 1; w++) { // the last window holds the end of the hang
                assertEquals(0.0, hungWindows[w], "nothing is a hit while Redis hangs: " + result.get("hung.windowHitPercent"));
            }
            assertTrue(result.getLong("hung.p50Micros") < 20_000, "calls are fast while the breaker is open\n" + result.describe());
            assertTrue(result.getLong("resumed.hits") > 0, "caching resumed by itself\n" + result.describe());
            long firstHit = result.getLong("resumed.firstHitMillis");
            assertTrue(firstHit >= 0 && firstHit < 3000, "hits again within a few seconds: " + firstHit + " ms");

            String stderr = result.stderr();
            assertEquals(1, lines(stderr, FaultRun.UNREACHABLE), "the hang is logged exactly once:\n" + stderr);
            assertEquals(1, lines(stderr, FaultRun.BACK), "the recovery is logged exactly once:\n" + stderr);
            assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
            assertEquals(0, lines(stderr, "[ERROR]"), stderr);
        }

        private long sum(String field) {
            long total = 0;
            for (String phase : PHASES) {
                total += result.getLong(phase + "." + field);
            }
            return total;
        }
    }
}
