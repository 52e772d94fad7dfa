package io.rediscache.it.faults;

import io.rediscache.it.harness.FaultProxy;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent reads the server's memory policy again whenever Redis answers after an outage, and
 * warns once per distinct finding. The server starts without {@code maxmemory} (nothing to say);
 * while the application runs, it is given {@code maxmemory} and {@code noeviction}, then Redis
 * becomes unreachable (a {@link FaultProxy} resets every connection) and answers again: the
 * noeviction warning appears, once. A second outage with the same settings adds nothing. Then
 * the policy becomes {@code allkeys-lru}, and after a third outage the eviction warning (lock
 * keys may be evicted) appears, once.
 */
class MemoryPolicyRecheckTest {

    private static final String NOEVICTION = "maxmemory-policy noeviction";
    private static final String EVICTS = "maxmemory-policy allkeys-lru";

    @Test
    void thePolicyIsReadAgainWhenRedisAnswersAfterAnOutage() throws Exception {
        try (RedisServer redis = RedisServer.start(); FaultProxy proxy = FaultProxy.to(redis);
             Jedis admin = new Jedis(redis.host(), redis.port());
             FaultRun run = FaultRun.start(ForkedJvm.withAgent().set("redis.url", proxy.url()), "running", 4, 20)) {
            run.awaitFirstHit("running");
            assertEquals(0, lines(run.stderrSoFar(), "maxmemory-policy"), "no limit, nothing to say:\n" + run.stderrSoFar());

            admin.configSet("maxmemory", "100mb");
            admin.configSet("maxmemory-policy", "noeviction");
            outage(run, proxy);
            run.awaitLog(NOEVICTION);

            outage(run, proxy);
            Thread.sleep(500); // the check after the second outage has run by now

            admin.configSet("maxmemory-policy", "allkeys-lru");
            outage(run, proxy);
            run.awaitLog(EVICTS);
            Thread.sleep(500);

            ForkedJvm.Result result = run.finish().assertSucceeded();
            String stderr = result.stderr();
            System.out.printf("Memory policy re-read after 3 outages: %d noeviction warning(s), %d eviction warning(s),"
                    + " %d 'answers again' lines%n", lines(stderr, NOEVICTION), lines(stderr, EVICTS), lines(stderr, FaultRun.BACK));

            assertTrue(lines(stderr, FaultRun.BACK) >= 3, stderr);
            assertEquals(1, lines(stderr, "[WARN]", NOEVICTION, "refuses every write", "set maxmemory-policy volatile-lru"),
                    "the noeviction finding is said once, after the first outage:\n" + stderr);
            assertTrue(stderr.indexOf(NOEVICTION) > stderr.indexOf(FaultRun.BACK), stderr);
            assertEquals(1, lines(stderr, "[WARN]", EVICTS, "lock keys included"), "the new finding is said once:\n" + stderr);
            assertEquals(0, result.getLong("running.exceptions"), result.get("running.firstException"));
            assertEquals(0, result.getLong("running.wrong"), result.describe());
            assertFalse(stderr.contains("\tat "), "no stack trace reaches the log:\n" + stderr);
        }
    }

    /**
     * A restricted ACL user that may not run {@code INFO}: the agent cannot read the memory
     * policy (nor the version), says nothing about it, and above all does not take the refused
     * {@code INFO} of its start-up check for an outage: caching works from the first calls.
     */
    @Test
    void aUserThatMayNotRunInfoIsNotAnOutage() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "100mb", "--maxmemory-policy", "noeviction");
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            admin.aclSetUser("app", "on", ">app-secret-1", "~*", "&*", "+@all", "-info");
            ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", "redis://app:app-secret-1@127.0.0.1:" + redis.port() + "/0");
            ForkedJvm.Result result;
            try (FaultRun run = FaultRun.start(jvm, "running", 4, 20)) {
                run.awaitFirstHit("running");
                Thread.sleep(1000);
                result = run.finish().assertSucceeded();
            }
            String stderr = result.stderr();
            assertEquals(1, lines(stderr, "Connected to Redis (version unknown: this user may not run INFO)"), stderr);
            assertEquals(0, lines(stderr, FaultRun.UNREACHABLE), "a refused INFO is not an outage:\n" + stderr);
            assertEquals(0, lines(stderr, "maxmemory-policy"), stderr);
            assertEquals(0, result.getLong("running.exceptions"), result.get("running.firstException"));
            assertEquals(0, result.getLong("running.wrong"), result.describe());
            assertTrue(result.getLong("running.hits") > result.getLong("running.calls") / 2, result.describe());
            assertFalse(stderr.contains("app-secret-1"), "the password is never logged:\n" + stderr);
        }
    }

    /** Redis unreachable until the breaker has opened, then reachable until the agent said it is back. */
    private static void outage(FaultRun run, FaultProxy proxy) throws Exception {
        long outages = lines(run.stderrSoFar(), FaultRun.UNREACHABLE);
        long recoveries = lines(run.stderrSoFar(), FaultRun.BACK);
        proxy.reset();
        run.awaitLog(FaultRun.UNREACHABLE, outages + 1);
        Thread.sleep(300);
        proxy.pass();
        run.awaitLog(FaultRun.BACK, recoveries + 1);
    }
}
