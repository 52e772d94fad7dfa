package io.rediscache.it.locks;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.locks.ScriptFlushScenario.CALLS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock scripts go to Redis by their SHA1 ({@code EVALSHA}), and with their text
 * ({@code EVAL}) only when Redis does not know them: on a fresh server, and after an operator's
 * {@code SCRIPT FLUSH} in the middle of the run, after which every lock operation (acquire,
 * renewal, release, a failed try) still works. Counted by Redis itself ({@code INFO
 * commandstats}) on a server of this test's own: the flush and the counters are server-wide, so
 * this test cannot share a {@code REDIS_URL} server with others.
 */
class LockScriptCacheTest {

    private static final String LTE = "io.rediscache.LockTimeoutException";

    private static RedisServer server;
    private static ForkedJvm.Result run;

    @BeforeAll
    static void runAroundAScriptFlush() throws Exception {
        server = RedisServer.start();
        String namespace = RedisTarget.uniqueNamespace("scripts");
        run = ForkedJvm.withAgent()
                .set("redis.url", RedisAcl.agentUrl(server.url(), namespace))
                .set("cache.namespace", namespace)
                .run(LockApp.class, "script-flush", server.url(), namespace)
                .assertSucceeded();
        RedisAcl.assertNoRefusalsWhenEnabled(server.url());
        System.out.printf("Lock scripts: EVAL/EVALSHA calls on a fresh server %s/%s, then %s/%s; after SCRIPT FLUSH %s/%s"
                        + " (%d quick calls per phase)%n", run.get("first.eval"), run.get("first.evalsha"),
                run.get("steady.eval"), run.get("steady.evalsha"), run.get("flushed.eval"), run.get("flushed.evalsha"), CALLS);
    }

    @AfterAll
    static void stopRedis() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyCallTookAndReleasedTheLock() {
        for (String phase : new String[] {"first", "steady", "flushed"}) {
            assertEquals("[returned:locked]", run.get(phase + ".outcomes"), phase + ": " + run.describe());
            assertEquals(-2, run.getLong(phase + ".pttlAfter"), phase + ": released");
        }
        assertEquals("true", run.get("fencesRise"), "every acquisition got a higher fencing token");
        assertEquals(3 * CALLS + 1, run.getLong("runs"), "the quick calls and the long one ran; the failed try did not");
    }

    @Test
    void inTheSteadyStateEveryLockOperationIsOneEvalsha() {
        assertEquals(0, run.getLong("steady.eval"), "no script text is sent once Redis knows the scripts: " + run.describe());
        assertEquals(2 * CALLS, run.getLong("steady.evalsha"), "one EVALSHA to acquire, one to release, per call");
    }

    @Test
    void onAFreshServerEachScriptIsSentWithItsTextOnce() {
        assertEquals(2, run.getLong("first.eval"), "acquire and release fell back to EVAL once each: " + run.describe());
        assertEquals(2 * CALLS, run.getLong("first.evalsha"), "every call tried EVALSHA first");
    }

    @Test
    void afterScriptFlushTheLockStillWorksAndEachScriptIsSentAgainOnce() {
        assertEquals("OK", run.get("flush.reply"));
        assertEquals("returned:kept", run.get("held.value"),
                "the lock was taken and renewed past its 600 ms lease after the flush: " + run.describe());
        assertTrue(run.get("held.otherThread").startsWith(LTE), "another thread could not take the held lock: "
                + run.get("held.otherThread"));
        assertEquals(-2, run.getLong("held.pttlAfter"), "and it was released");
        assertEquals(3, run.getLong("flushed.eval"), "acquire, renewal and release fell back to EVAL once each");
        long evalshas = run.getLong("flushed.evalsha");
        assertTrue(evalshas >= 2 * CALLS + 3 + 1, "EVALSHA first for every operation: " + evalshas);
    }
}
