package io.rediscache.it.topology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.locks.CounterSteps;
import io.rediscache.it.locks.LeaseRenewalScenario;
import io.rediscache.it.locks.LockApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @Locked} on a Redis deployment other than one server (a subclass says which), with the
 * lock applications of the one-server tests ({@link LockApp}) in forked JVMs with the real agent:
 * <ul>
 *   <li>the one-JVM behaviour scenario (keys and their TTLs, release on return and on exception,
 *       re-entrancy, templates, try-once and waiting timeouts against a lock held elsewhere,
 *       {@code SKIP}, no lock key left);</li>
 *   <li>two JVMs of four threads incrementing one counter under the lock: no lost update, no
 *       overlap, fencing tokens rising in the counter's order; the same without the lock loses
 *       updates and overlaps (so the count can fail);</li>
 *   <li>a holder whose body runs three 600 ms leases keeps its key, a second JVM times out trying
 *       once and enters only after the holder's body;</li>
 *   <li>two JVMs passing a lock back and forth: the waiter is woken by the release notification
 *       (hand-over in a few ms; the back-off alone would take 25 to 50 ms pauses by then).</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LockScenarios {

    private static final String LTE = "io.rediscache.LockTimeoutException";
    private static final int COUNT_JVMS = 2;
    private static final int COUNT_THREADS = 4;
    private static final int INCREMENTS = 150;
    private static final int TOTAL = COUNT_JVMS * COUNT_THREADS * INCREMENTS;
    private static final int RELAY_ROUNDS = 12;
    /** The median hand-over with notifications; polling alone, after 100 ms of waiting, takes about 18 ms. */
    private static final long NOTIFIED_HANDOVER_MICROS = 10_000;

    private Deployment deployment;
    private final List<ForkedJvm.Result> runs = new ArrayList<>();
    private ForkedJvm.Result behaviour;
    private CountRun locked;
    private CountRun unlocked;
    private String countNamespace;
    private List<Long> handovers;

    private record CountRun(List<ForkedJvm.Result> results, long counter, List<String> steps) {

        String describe() {
            StringBuilder text = new StringBuilder("counter " + counter + "\n");
            results.forEach(result -> text.append(result.describe()).append('\n'));
            return text.toString();
        }

        long sum(String name) {
            return results.stream().mapToLong(result -> result.getLong(name)).sum();
        }
    }

    /** Starts the deployment. */
    protected abstract Deployment deploy();

    @BeforeAll
    void runTheLockApplications() throws Exception {
        deployment = deploy();
        String namespace = RedisTarget.uniqueNamespace("topo-locks");
        behaviour = record(lockJvm(namespace).set("lock.wait", "1s").set("lock.lease", "5s")
                .run(LockApp.class, "behaviour", deployment.applicationTarget(), namespace));
        countNamespace = RedisTarget.uniqueNamespace("topo-mutex");
        locked = count("locked");
        unlocked = count("unlocked");
        handovers = relay();
        System.out.printf("Locks on %s: %d locked increments by %d JVMs; unlocked control counted %d, overlaps %d;"
                        + " cross-JVM hand-overs (µs) %s%n", getClass().getSimpleName(), TOTAL, COUNT_JVMS,
                unlocked.counter(), unlocked.sum("count.overlaps"), handovers);
    }

    @AfterAll
    void stopTheDeployment() {
        if (deployment != null) {
            deployment.close();
        }
    }

    private ForkedJvm lockJvm(String namespace) {
        return deployment.agent(namespace).timeoutSeconds(90);
    }

    private ForkedJvm.Result record(ForkedJvm.Result result) {
        runs.add(result);
        return result.assertSucceeded();
    }

    private CountRun count(String mode) throws Exception {
        String counterKey = countNamespace + "|test|counter-" + mode;
        String readyKey = countNamespace + "|test|ready-" + mode;
        Path directory = Files.createTempDirectory("lock-count");
        List<ForkedJvm.Running> jvms = new ArrayList<>();
        List<Path> stepFiles = new ArrayList<>();
        for (int i = 0; i < COUNT_JVMS; i++) {
            Path steps = directory.resolve("steps-" + i + ".txt");
            stepFiles.add(steps);
            jvms.add(lockJvm(countNamespace).start(LockApp.class, "count", mode, deployment.applicationTarget(), counterKey,
                    readyKey, Integer.toString(COUNT_JVMS), Integer.toString(COUNT_THREADS), Integer.toString(INCREMENTS),
                    steps.toString()));
        }
        List<ForkedJvm.Result> results = new ArrayList<>();
        for (ForkedJvm.Running jvm : jvms) {
            results.add(record(jvm.await()));
        }
        List<String> steps = new ArrayList<>();
        for (Path file : stepFiles) {
            steps.addAll(Files.readAllLines(file));
        }
        String counter = deployment.client().get(counterKey);
        return new CountRun(results, counter == null ? 0 : Long.parseLong(counter), steps);
    }

    /** The hand-overs from one JVM to the other JVM that was already waiting: its entry minus the holder's body end, µs. */
    private List<Long> relay() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("topo-relay");
        List<ForkedJvm.Running> jvms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jvms.add(lockJvm(namespace).start(LockApp.class, "relay", deployment.applicationTarget(), namespace,
                    namespace + "|test|ready", Integer.toString(RELAY_ROUNDS)));
        }
        List<long[]> acquisitions = new ArrayList<>(); // asked, entered, bodyEnd, jvm
        for (int jvm = 0; jvm < jvms.size(); jvm++) {
            ForkedJvm.Result result = record(jvms.get(jvm).await());
            for (String line : result.stdout().split("\n")) {
                if (line.startsWith("RELAY ")) {
                    String[] fields = line.split(" ");
                    acquisitions.add(new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]), jvm});
                }
            }
        }
        assertEquals(2 * RELAY_ROUNDS, acquisitions.size(), "every round reported");
        acquisitions.sort(Comparator.comparingLong(acquisition -> acquisition[1]));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < acquisitions.size(); i++) {
            long[] previous = acquisitions.get(i - 1);
            long[] next = acquisitions.get(i);
            assertTrue(next[1] >= previous[2], "two relay bodies overlapped: " + acquisitions.stream().map(a -> a[1] + "-" + a[2]).toList());
            if (next[3] != previous[3] && next[0] < previous[2]) {
                gaps.add(next[1] - previous[2]);
            }
        }
        return gaps;
    }

    @Test
    void everyJvmConnectedAndNoPasswordWasPrinted() {
        ConnectedRuns.assertConnectedQuietly(runs, deployment.secrets());
    }

    @Test
    void noBehaviourStepFailed() {
        List<String> errors = behaviour.results().keySet().stream().filter(name -> name.endsWith(".error")).toList();
        assertTrue(errors.isEmpty(), errors + "\n" + behaviour.describe());
    }

    @Test
    void theBodyRunsWhileTheKeyHoldsATokenWithTheLeaseAndTheLockIsReleasedAfterwards() {
        assertEquals("done", behaviour.get("release.value"), behaviour.describe());
        assertEquals("true", behaviour.get("release.inside.tokenPresent"));
        long pttl = behaviour.getLong("release.inside.pttl");
        assertTrue(pttl > 2500 && pttl <= 5000, "lock.lease=5s is the key's PX: " + pttl);
        assertTrue(behaviour.getLong("release.inside.fencePttl") > 0, "the fence counter beside the key has a TTL");
        assertEquals(-2, behaviour.getLong("release.pttlAfter"), "the lock key is gone after the call");
        assertEquals("done", behaviour.get("release.second"));
        assertEquals("2", behaviour.get("release.runs"));
        long leasePttl = behaviour.getLong("lease.inside.pttl");
        assertTrue(leasePttl > 1000 && leasePttl <= 2000, "leaseMillis = 2000: " + leasePttl);
    }

    @Test
    void releasedOnExceptionReentrantAndTemplated() {
        assertEquals("same instance", behaviour.get("exception.unchecked"), behaviour.describe());
        assertEquals("same instance", behaviour.get("exception.checked"));
        assertEquals(-2, behaviour.getLong("exception.pttlAfterChecked"));
        assertEquals("returned:outer(inner)", behaviour.get("reentrant.value"));
        assertEquals("true", behaviour.get("reentrant.inner.sameToken"));
        assertTrue(behaviour.get("reentrant.otherThread").startsWith(LTE), behaviour.get("reentrant.otherThread"));
        assertEquals(-2, behaviour.getLong("reentrant.pttlAfter"));
        assertEquals("exists=true,literalExists=false", behaviour.get("template.sku"));
        assertEquals("exists=true", behaviour.get("template.order"));
        assertEquals("true", behaviour.get("template.fences"));
    }

    @Test
    void aLockHeldElsewhereTimesOutOrIsSkippedWithoutRunningTheBody() {
        assertTrue(behaviour.get("busy.once").startsWith(LTE + ": "), behaviour.get("busy.once"));
        assertTrue(behaviour.getLong("busy.once.millis") < 1000, behaviour.get("busy.once.millis"));
        assertTrue(behaviour.get("busy.waiting").startsWith(LTE + ": "), behaviour.get("busy.waiting"));
        long waited = behaviour.getLong("busy.waiting.millis");
        assertTrue(waited >= 1400 && waited < 3500, "waitMillis = 1500: gave up after " + waited + " ms");
        assertEquals("0", behaviour.get("busy.runs"));
        assertEquals("true", behaviour.get("busy.foreignTokenKept"));
        assertEquals("[null, 0, false, 0, 0.0, null, null]", behaviour.get("skip.whenHeld"));
        assertEquals("0", behaviour.get("skip.runsWhenHeld"));
        assertEquals("[ran, 42, true, ran]", behaviour.get("skip.whenFree"));
    }

    @Test
    void aWaiterGetsTheLockWhenTheOtherHoldersKeyExpiresOrIsDeleted() {
        assertEquals("true", behaviour.get("expiring.tokenIsOwn"), behaviour.describe());
        assertTrue(behaviour.getLong("expiring.millis") >= 500, behaviour.get("expiring.millis"));
        assertEquals("true", behaviour.get("deleted.tokenIsOwn"));
        assertTrue(behaviour.getLong("deleted.millis") >= 450, behaviour.get("deleted.millis"));
        assertEquals("true", behaviour.get("handover.secondAfterFirst"));
    }

    @Test
    void afterwardsNoLockKeyIsLeftAndEveryFenceCounterHasATtl() {
        assertEquals("[]", behaviour.get("leftover.locks"), behaviour.describe());
        assertEquals("[]", behaviour.get("leftover.withoutTtl"));
        assertEquals(-2, deployment.client().pttl(countNamespace + "|lock|{counter}"), "the counter's lock is free");
        assertTrue(deployment.client().pttl(countNamespace + "|lock|{counter}|fence") > 0, "its fence counter has a TTL");
    }

    @Test
    void twoJvmsUnderTheLockLoseNoUpdateAndNeverOverlap() {
        for (ForkedJvm.Result result : locked.results()) {
            assertEquals(0, result.getLong("count.errors"), result.get("count.firstError"));
            assertEquals(0, result.getLong("count.timeouts"), result.describe());
        }
        assertEquals(0, locked.sum("count.overlaps"), "increments found another one running: " + locked.describe());
        assertEquals(TOTAL, locked.counter(), locked.describe());
        List<Long> seen = locked.steps().stream().map(step -> Long.parseLong(step.split(" ")[0])).sorted().toList();
        assertEquals(TOTAL, seen.size());
        for (int i = 0; i < TOTAL; i++) {
            assertEquals(i, seen.get(i), "two holders read the same counter value");
        }
        long lastStart = locked.results().stream().mapToLong(r -> r.getLong("count.startedAt")).max().orElseThrow();
        long firstEnd = locked.results().stream().mapToLong(r -> r.getLong("count.endedAt")).min().orElseThrow();
        assertTrue(lastStart < firstEnd, "the JVMs ran at the same time: " + locked.describe());
    }

    @Test
    void fencingTokensRiseStrictlyInTheOrderOfTheCounter() {
        CounterSteps.assertTokensRiseWithTheCounter(locked.steps());
    }

    @Test
    void withoutTheLockTheSameIncrementsOverlapAndLoseUpdates() {
        assertTrue(unlocked.counter() < TOTAL, "the control must lose updates, or the count proves nothing: " + unlocked.counter());
        assertTrue(unlocked.sum("count.overlaps") > 0, "the control must overlap, or the overlap count proves nothing");
    }

    @Test
    void aWaiterInAnotherJvmIsWokenByTheReleaseNotification() {
        assertTrue(handovers.size() >= RELAY_ROUNDS, "hand-overs to a JVM already waiting: " + handovers);
        long median = handovers.stream().sorted().toList().get(handovers.size() / 2);
        assertTrue(median < NOTIFIED_HANDOVER_MICROS, "median hand-over " + median + " µs: the waiters were not woken by the"
                + " release notification but by their back-off; all (µs): " + handovers);
    }

    /** {@link LeaseRenewalScenario}: a body running three leases keeps its lock, and a second JVM enters only after it. */
    @Test
    void aBodyRunningThreeLeasesKeepsItsLockAndNoSecondHolderEnters() throws Exception {
        LeaseRenewalScenario renewal = LeaseRenewalScenario.run(this::lockJvm, deployment.applicationTarget(),
                deployment.client(), RedisTarget.uniqueNamespace("topo-renew"));
        runs.addAll(renewal.results());
        renewal.assertTheLockWasKeptAndTheContenderEnteredAfterTheBody(deployment.client());
    }
}
