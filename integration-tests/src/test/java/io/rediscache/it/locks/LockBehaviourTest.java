package io.rediscache.it.locks;

import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of {@code @Locked}, in forked JVMs with the real agent jar against a real Redis:
 * the documented key and TTL (settings and annotation overrides), release on return and on
 * exception, re-entrancy, name templates, try-once and waiting timeouts, wait-then-acquire,
 * {@code SKIP}, and lease renewal watched from outside while a second JVM tries the same lock.
 * A lock "held elsewhere" is a key the application sets itself with a foreign token.
 */
@ExtendWith(RedisHarness.class)
class LockBehaviourTest {

    private static final String LTE = "io.rediscache.LockTimeoutException";

    private static ForkedJvm.Result run;
    private static RedisTarget redis;

    @BeforeAll
    static void runBehaviourScenario(RedisTarget target) throws Exception {
        redis = target;
        String namespace = RedisTarget.uniqueNamespace("locks");
        run = ForkedJvm.withAgent()
                .set("redis.url", target.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .set("lock.wait", "1s")
                .set("lock.lease", "5s")
                .run(LockApp.class, "behaviour", target.url(), namespace)
                .assertSucceeded();
        System.out.printf("Lock behaviour: try-once timeout %s ms, 1500 ms wait gave up after %s ms, lock.wait=1s after %s ms;"
                        + " foreign key expiring at 700 ms acquired after %s ms; foreign key deleted at 500 ms acquired %s ms later;"
                        + " in-JVM hand-over %s us%n",
                run.get("busy.once.millis"), run.get("busy.waiting.millis"), run.get("busy.defaultWait.millis"),
                run.get("expiring.millis"), run.get("deleted.afterDeleteMillis"), run.get("handover.micros"));
    }

    @Test
    void noStepFailed() {
        List<String> errors = run.results().keySet().stream().filter(name -> name.endsWith(".error")).toList();
        assertTrue(errors.isEmpty(), errors + "\n" + run.describe());
    }

    @Test
    void theBodyRunsWhileTheDocumentedKeyHoldsATokenWithTheLeaseSettingAsTtl() {
        assertEquals("done", run.get("release.value"), run.describe());
        assertEquals("true", run.get("release.inside.tokenPresent"), "key {ns}|lock|{plain} exists during the body");
        long pttl = run.getLong("release.inside.pttl");
        assertTrue(pttl > 2500 && pttl <= 5000, "lock.lease=5s is the key's PX: " + pttl);
        assertTrue(run.getLong("release.inside.fencePttl") > 0, "the fence counter beside the key has a TTL");
    }

    @Test
    void leaseMillisOnTheAnnotationOverridesTheSetting() {
        assertEquals("done", run.get("lease.value"), run.describe());
        long pttl = run.getLong("lease.inside.pttl");
        assertTrue(pttl > 1000 && pttl <= 2000, "leaseMillis = 2000: " + pttl);
        assertEquals(-2, run.getLong("lease.pttlAfter"));
    }

    @Test
    void releasedOnNormalReturn() {
        assertEquals(-2, run.getLong("release.pttlAfter"), "the lock key is gone after the call");
        assertTrue(run.getLong("release.fencePttlAfter") > 0, "the fence counter stays, with a TTL");
        assertEquals("done", run.get("release.second"), "a second call takes the free lock again");
        assertEquals("2", run.get("release.runs"));
    }

    @Test
    void releasedOnExceptionWhichPropagatesUnchanged() {
        assertEquals("true", run.get("exception.inside.tokenPresent"), run.describe());
        assertEquals("same instance", run.get("exception.unchecked"));
        assertEquals(-2, run.getLong("exception.pttlAfterUnchecked"));
        assertEquals("same instance", run.get("exception.checked"), "a checked exception passes through too");
        assertEquals(-2, run.getLong("exception.pttlAfterChecked"));
        assertEquals("1,1", run.get("exception.runs"));
    }

    @Test
    void reentrantForTheSameThreadOnlyAndReleasedByTheOutermostCall() {
        assertEquals("returned:outer(inner)", run.get("reentrant.value"), "no deadlock, no timeout: " + run.describe());
        assertEquals("true", run.get("reentrant.outer.tokenPresent"));
        assertEquals("true", run.get("reentrant.inner.sameToken"), "the inner call holds the outer call's lock");
        assertTrue(run.get("reentrant.otherThread").startsWith(LTE),
                "another thread of the same JVM does not get in: " + run.get("reentrant.otherThread"));
        assertEquals("true", run.get("reentrant.afterInner.sameToken"), "the inner return did not release the lock");
        assertTrue(run.getLong("reentrant.afterInner.pttl") > 0);
        assertEquals(-2, run.getLong("reentrant.pttlAfter"), "the outermost return released it");
        assertEquals("1,1,0", run.get("reentrant.runs"));
    }

    @Test
    void nameTemplatesUseTheArguments() {
        assertEquals("exists=true,literalExists=false", run.get("template.sku"), "sku_{0} with A1 locks {ns}|lock|{sku_A1}");
        assertEquals(-2, run.getLong("template.skuPttlAfter"));
        assertEquals("exists=true,literalExists=false", run.get("template.skuNull"), "String.valueOf(null) is \"null\"");
        assertEquals("exists=true", run.get("template.order"), "order_{1}_{0} of a static method with (EU, 7): order_7_EU");
        assertEquals(-2, run.getLong("template.orderPttlAfter"));
        assertEquals("true", run.get("template.fences"));
    }

    @Test
    void tryOnceFailsPromptlyWithoutRunningTheBody() {
        assertTrue(run.get("busy.once").startsWith(LTE + ": "), run.get("busy.once"));
        assertTrue(run.getLong("busy.once.millis") < 1000, "waitMillis = 0 does not wait: " + run.get("busy.once.millis"));
        assertEquals("0", run.get("busy.runs"), "no body ran while the lock was held elsewhere");
        assertEquals("true", run.get("busy.foreignTokenKept"), "failed attempts leave the other holder's key alone");
    }

    @Test
    void waitingGivesUpAfterTheWait() {
        assertTrue(run.get("busy.waiting").startsWith(LTE + ": "), run.get("busy.waiting"));
        long waited = run.getLong("busy.waiting.millis");
        assertTrue(waited >= 1400 && waited < 3500, "waitMillis = 1500: gave up after " + waited + " ms");
        assertTrue(run.get("busy.defaultWait").startsWith(LTE + ": "), run.get("busy.defaultWait"));
        long defaultWait = run.getLong("busy.defaultWait.millis");
        assertTrue(defaultWait >= 900 && defaultWait < 3000, "lock.wait=1s: gave up after " + defaultWait + " ms");
    }

    @Test
    void aWaiterGetsTheLockWhenTheOtherHoldersKeyExpiresOrIsDeleted() {
        assertEquals("true", run.get("expiring.tokenIsOwn"), run.describe());
        assertTrue(run.getLong("expiring.millis") >= 500, "it waited for the 700 ms key to expire: " + run.get("expiring.millis"));
        assertEquals(-2, run.getLong("expiring.pttlAfter"));
        assertEquals("true", run.get("deleted.tokenIsOwn"));
        assertTrue(run.getLong("deleted.millis") >= 450, "it waited for the deletion at 500 ms: " + run.get("deleted.millis"));
        assertEquals(-2, run.getLong("deleted.pttlAfter"));
    }

    @Test
    void twoThreadsOfOneJvmTakeTurns() {
        assertEquals("true", run.get("handover.secondAfterFirst"), "the second thread entered only after the first's body ended");
        assertEquals("2", run.get("handover.runs"));
    }

    @Test
    void skipReturnsTheTypesDefaultWithoutRunningTheBody() {
        assertEquals("[null, 0, false, 0, 0.0, null, null]", run.get("skip.whenHeld"), run.describe());
        assertEquals("0", run.get("skip.runsWhenHeld"));
        assertTrue(run.getLong("skip.waitedMillis") >= 250, "SKIP after a 300 ms wait waited first: " + run.get("skip.waitedMillis"));
        assertEquals("true", run.get("skip.foreignTokenKept"));
        assertEquals("[ran, 42, true, ran]", run.get("skip.whenFree"), "a free lock runs the body as usual");
        assertEquals("4", run.get("skip.runsAfterFree"));
        assertEquals(-2, run.getLong("skip.pttlAfter"));
    }

    @Test
    void afterwardsOnlyFenceCountersRemainAndEachHasATtl() {
        assertEquals("[]", run.get("leftover.locks"), "no lock key outlives its call");
        assertEquals("[]", run.get("leftover.withoutTtl"), "every key has a TTL");
    }

    /** {@link LeaseRenewalScenario}: a body running three leases keeps its lock, and a second JVM enters only after it. */
    @Test
    void aBodyRunningThreeLeasesKeepsItsLockAndNoSecondHolderEnters() throws Exception {
        LeaseRenewalScenario renewal = LeaseRenewalScenario.run(LockBehaviourTest::agent, redis.url(), redis.client(),
                RedisTarget.uniqueNamespace("renew"));
        renewal.assertTheLockWasKeptAndTheContenderEnteredAfterTheBody(redis.client());
        System.out.println("Lease renewal: " + renewal.summary());
    }

    private static ForkedJvm agent(String namespace) {
        return ForkedJvm.withAgent().set("redis.url", redis.agentUrl(namespace)).set("cache.namespace", namespace).timeoutSeconds(60);
    }
}
