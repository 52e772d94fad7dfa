package io.rediscache.it.faults;

import java.util.Arrays;

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
 * Redis crashes (SIGKILL: its port then refuses connections) while eight threads make 100,000
 * calls of a cached method, and comes back empty on the same port three seconds later.
 *
 * <p>While it is down: no caller sees an exception or a wrong value; the circuit breaker opens
 * within 1 s of the crash, measured from the test's clock just before the kill to the time stamp
 * of the agent's "unreachable" line (logged by the breaker as it opens; both processes read the
 * same system clock); from the moment the test has seen that line, the latency the agent adds
 * to a call (the call's time minus the time the method's own body took) has a p99 of at most
 * 5 ms.
 *
 * <p>After the restart: the hit ratio is back to at least 95 % of its level before the crash
 * within 5 s, and stays there. The level is the hit ratio of the "before" phase (its complete
 * 250 ms windows, so not the calls caught by the crash), when the 20 keys were long cached; the restarted server is empty, so the keys are filled again by the
 * first miss of each once the breaker's probe finds Redis answering. The time is counted in
 * 250 ms windows (by call start) from just before the server is started again; "back" means the
 * first window from which every later complete window reaches 95 % of the level. No
 * stale-connection error ever reaches a caller, nor the log beyond the one outage warning, and the
 * log says once that Redis went away and once that it is back.
 */
class RedisRestartTest {

    private static final int THREADS = 8;
    private static final long TOTAL_CALLS = 100_000;
    private static final long CONNECT_TIMEOUT_MILLIS = 250;
    private static final long SLACK_MILLIS = 500;
    private static final long BREAKER_OPEN_BOUND_MILLIS = 1000;
    private static final long ADDED_P99_BOUND_MICROS = 5000;
    private static final long RECOVERY_BOUND_MILLIS = 5000;
    private static final long WINDOW_MILLIS = 250;
    private static final String[] PHASES = {"warmup", "before", "down", "open", "restarted"};

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
    void cachingSurvivesACrashAndRecoversAfterRestart() throws Exception {
        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("redis.timeout.connect", CONNECT_TIMEOUT_MILLIS + "ms");
        ForkedJvm.Result result;
        long crashedAt;
        try (FaultRun run = FaultRun.start(jvm, "warmup", THREADS, 20, TOTAL_CALLS)) {
            run.awaitFirstHit("warmup");
            Thread.sleep(300);
            run.enter("before");
            Thread.sleep(1000);
            crashedAt = System.currentTimeMillis();
            redis.kill();
            run.enter("down");
            run.awaitLog(FaultRun.UNREACHABLE);
            run.enter("open");
            Thread.sleep(3000);
            run.enter("restarted");
            redis.restart();
            Thread.sleep(RECOVERY_BOUND_MILLIS + 500);
            result = run.finish().assertSucceeded(); // the callers use up the 100,000 calls in this phase
        }
        String stderr = result.stderr();
        long breakerOpenMillis = FaultRun.loggedAt(stderr, FaultRun.UNREACHABLE) - crashedAt;
        double level = FaultRun.completeWindowsHitPercent(result, "before");
        double[] restarted = FaultRun.numbers(result.get("restarted.windowHitPercent"));
        int recovered = FaultRun.firstWindowFromWhichAllReach(restarted, 0.95 * level);
        System.out.printf("Redis killed mid-run and restarted, %d calls from %d threads: %s exceptions, %s wrong results."
                        + " Breaker open %d ms after the kill. Breaker open: %s calls, added latency p99 %s us (the body's"
                        + " own p99 %s us), call p50 %s us, p99 %s us, worst %s ms. Before the kill: hit ratio %.1f %%"
                        + " (windows %s). After the restart: windows %s (%% hits per 250 ms), back to >= 95 %% of %.1f %%"
                        + " in the window ending %d ms after the restart began; first hit %s ms after it%n",
                result.getLong("total.calls"), THREADS, sum(result, "exceptions"), sum(result, "wrong"), breakerOpenMillis,
                result.get("open.calls"), result.get("open.p99AddedMicros"), result.get("open.bodyP99Micros"),
                result.get("open.p50Micros"), result.get("open.p99Micros"), result.get("open.worstMillis"), level,
                result.get("before.windowHitPercent"), result.get("restarted.windowHitPercent"), level,
                recovered < 0 ? -1 : (recovered + 1) * WINDOW_MILLIS, result.get("restarted.firstHitMillis"));

        assertEquals(TOTAL_CALLS, result.getLong("total.calls"), result.describe());
        for (String phase : PHASES) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
            assertTrue(result.getLong(phase + ".worstMillis") < CONNECT_TIMEOUT_MILLIS + SLACK_MILLIS,
                    phase + ": bounded latency\n" + result.describe());
        }

        // Redis down (port closed)
        assertTrue(breakerOpenMillis >= 0 && breakerOpenMillis <= BREAKER_OPEN_BOUND_MILLIS,
                "the breaker opened within 1 s of the crash: " + breakerOpenMillis + " ms\n" + stderr);
        assertTrue(result.getLong("open.calls") >= 10_000, "the callers kept running\n" + result.describe());
        assertEquals(0, result.getLong("open.hits"), "nothing is a hit while Redis is down");
        assertTrue(result.getLong("open.p99AddedMicros") <= ADDED_P99_BOUND_MICROS,
                "with the breaker open the agent adds at most 5 ms at p99: " + result.get("open.p99AddedMicros") + " us");

        // Redis restarted
        assertTrue(level > 90, "caching worked before the crash: " + level + " %\n" + result.describe());
        assertTrue(recovered >= 0 && (recovered + 1) * WINDOW_MILLIS <= RECOVERY_BOUND_MILLIS,
                "the hit ratio is back to >= 95 % of " + level + " % within 5 s of the restart: windows "
                        + result.get("restarted.windowHitPercent"));
        assertTrue(restarted.length * WINDOW_MILLIS >= RECOVERY_BOUND_MILLIS + WINDOW_MILLIS,
                "the run lasted past the 5 s after the restart: " + restarted.length + " windows");

        assertEquals(1, lines(stderr, FaultRun.UNREACHABLE), "the outage is logged exactly once:\n" + stderr);
        assertEquals(1, lines(stderr, FaultRun.BACK), "the recovery is logged exactly once:\n" + stderr);
        assertTrue(stderr.indexOf(FaultRun.UNREACHABLE) < stderr.indexOf(FaultRun.BACK), stderr);
        assertEquals(lines(stderr, "JedisConnectionException", FaultRun.UNREACHABLE), lines(stderr, "JedisConnectionException"),
                "no connection error is logged beyond the outage warning:\n" + stderr);
        assertEquals(0, result.stdout().lines().filter(line -> !line.startsWith("RESULT ") && line.contains("Exception")).count(),
                "no exception reaches the application:\n" + result.stdout());
        assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
    }

    /**
     * Connections die while idle: the pool holds sixteen (opened while Redis was slow), one
     * caller uses one of them, and then every connection is reset (a restart, a failover, a proxy or
     * firewall dropping them). Caching must resume at the first probe after Redis is back, within
     * one cool-down plus slack, not after one failed probe (one cool-down) per dead idle
     * connection: the pool's idle connections are dropped when the breaker opens.
     */
    @Test
    void deadIdleConnectionsDoNotDelayRecovery() throws Exception {
        long coolDownMillis = 1000;
        ForkedJvm.Result result;
        long backAt;
        try (FaultProxy proxy = FaultProxy.to(redis);
             FaultRun run = FaultRun.start(ForkedJvm.withAgent().set("redis.url", proxy.url()), "slow", 16, 20)) {
            proxy.latency(20); // every caller holds a connection for a while: the pool grows to 16
            run.awaitFirstHit("slow");
            Thread.sleep(1500);
            proxy.pass();
            run.enter("single-fast"); // one caller: it reuses one connection, the other fifteen stay idle
            Thread.sleep(500);
            long outages = lines(run.stderrSoFar(), FaultRun.UNREACHABLE);
            proxy.reset();
            run.enter("single-reset");
            run.awaitLog(FaultRun.UNREACHABLE, outages + 1);
            long recoveries = lines(run.stderrSoFar(), FaultRun.BACK);
            backAt = System.currentTimeMillis();
            proxy.pass();
            run.enter("single-back");
            run.awaitLog(FaultRun.BACK, recoveries + 1);
            run.enter("back");
            Thread.sleep(500);
            result = run.finish().assertSucceeded();
        }
        long recoveryMillis = Arrays.stream(FaultRun.loggedTimes(result.stderr(), FaultRun.BACK))
                .filter(at -> at >= backAt).findFirst().orElse(Long.MAX_VALUE) - backAt;
        // strictly later: the line that opened the breaker (seen before backAt was read) may share its millisecond
        assertTrue(Arrays.stream(FaultRun.loggedTimes(result.stderr(), FaultRun.UNREACHABLE)).noneMatch(at -> at > backAt),
                "once Redis is back, no caller picks a dead idle connection and opens the breaker again:\n" + result.stderr());
        System.out.printf("Every pooled connection reset while idle: Redis used again %d ms after it was reachable again;"
                + " %s exceptions, %s wrong%n", recoveryMillis, result.get("single-reset.exceptions"), result.get("single-reset.wrong"));
        for (String phase : new String[] {"slow", "single-fast", "single-reset", "single-back", "back"}) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
        }
        assertTrue(recoveryMillis <= coolDownMillis + SLACK_MILLIS, "the first probe after Redis is back uses a fresh"
                + " connection: " + recoveryMillis + " ms\n" + result.stderr());
        assertTrue(result.getLong("back.hits") > 0, result.describe());
    }

    private static long sum(ForkedJvm.Result result, String field) {
        long total = 0;
        for (String phase : PHASES) {
            total += result.getLong(phase + "." + field);
        }
        return total;
    }
}
