package io.rediscache.it.locks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Mutual exclusion across JVMs: three forked JVMs with the agent, four threads each, perform
 * 500 read-modify-write increments ({@code GET} then {@code SET}, with the application's own
 * Jedis client) of one shared Redis counter inside a {@code @Locked} method, all at the same
 * time. The count must come out at exactly 6,000, every increment must have read a different
 * value, and the fencing tokens must rise in the order of the counter. The control run does the
 * same without the lock and must lose updates, which shows the test can fail.
 */
@ExtendWith(RedisHarness.class)
class LockMutualExclusionTest {

    private static final int JVMS = 3;
    private static final int THREADS = 4;
    private static final int INCREMENTS = 500;
    private static final int TOTAL = JVMS * THREADS * INCREMENTS;

    private static String namespace;
    private static RedisTarget redis;
    private static CountRun locked;
    private static CountRun unlocked;

    private record CountRun(List<ForkedJvm.Result> results, long counter, List<String> steps, long wallMillis) {

        String describe() {
            StringBuilder text = new StringBuilder("counter " + counter + "\n");
            results.forEach(result -> text.append(result.describe()).append('\n'));
            return text.toString();
        }
    }

    @BeforeAll
    static void countInThreeJvms(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("mutex");
        locked = count(target, "locked");
        unlocked = count(target, "unlocked");
        System.out.printf("Lock mutual exclusion: %d locked increments in %d ms (per JVM: %s ms); unlocked control counted %d of %d%n",
                TOTAL, locked.wallMillis(), locked.results().stream().map(r -> r.get("count.millis")).toList(),
                unlocked.counter(), TOTAL);
    }

    private static CountRun count(RedisTarget target, String mode) throws Exception {
        String counterKey = namespace + "|test|counter-" + mode;
        String readyKey = namespace + "|test|ready-" + mode;
        Path directory = Files.createTempDirectory("lock-count");
        List<ForkedJvm.Running> jvms = new ArrayList<>();
        List<Path> stepFiles = new ArrayList<>();
        String agentUrl = target.agentUrl(namespace);
        long start = System.nanoTime();
        for (int i = 0; i < JVMS; i++) {
            Path steps = directory.resolve("steps-" + i + ".txt");
            stepFiles.add(steps);
            jvms.add(ForkedJvm.withAgent()
                    .set("redis.url", agentUrl)
                    .set("cache.namespace", namespace)
                    .timeoutSeconds(60)
                    .start(LockApp.class, "count", mode, target.url(), counterKey, readyKey,
                            Integer.toString(JVMS), Integer.toString(THREADS), Integer.toString(INCREMENTS), steps.toString()));
        }
        List<ForkedJvm.Result> results = new ArrayList<>();
        for (ForkedJvm.Running jvm : jvms) {
            results.add(jvm.await().assertSucceeded());
        }
        long wallMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> steps = new ArrayList<>();
        for (Path file : stepFiles) {
            steps.addAll(Files.readAllLines(file));
        }
        String counter = target.client().get(counterKey);
        return new CountRun(results, counter == null ? 0 : Long.parseLong(counter), steps, wallMillis);
    }

    @Test
    void underTheLockNoIncrementIsLost() {
        for (ForkedJvm.Result result : locked.results()) {
            assertEquals(0, result.getLong("count.errors"), result.get("count.firstError"));
            assertEquals(0, result.getLong("count.timeouts"), "no caller gave up waiting: " + result.describe());
        }
        assertEquals(TOTAL, locked.counter(), locked.describe());
    }

    @Test
    void everyLockedIncrementReadADifferentValue() {
        List<Long> seen = locked.steps().stream().map(step -> Long.parseLong(step.split(" ")[0])).sorted().toList();
        assertEquals(TOTAL, seen.size(), "one step per increment");
        for (int i = 0; i < TOTAL; i++) {
            assertEquals(i, seen.get(i), "two holders read the same counter value: the bodies overlapped");
        }
    }

    @Test
    void fencingTokensRiseInTheOrderOfTheCounter() {
        assertEquals(TOTAL, CounterSteps.assertTokensRiseWithTheCounter(locked.steps()));
    }

    @Test
    void theJvmsReallyRanAtTheSameTime() {
        for (CountRun run : List.of(locked, unlocked)) {
            long lastStart = run.results().stream().mapToLong(r -> r.getLong("count.startedAt")).max().orElseThrow();
            long firstEnd = run.results().stream().mapToLong(r -> r.getLong("count.endedAt")).min().orElseThrow();
            assertTrue(lastStart < firstEnd, "every JVM started its increments before any finished: " + run.describe());
        }
    }

    @Test
    void withoutTheLockTheSameIncrementsLoseUpdates() {
        for (ForkedJvm.Result result : unlocked.results()) {
            assertEquals(0, result.getLong("count.errors"), result.get("count.firstError"));
        }
        assertTrue(unlocked.counter() < TOTAL, "the unlocked control must lose updates, or this test proves nothing: "
                + unlocked.counter());
        assertTrue(unlocked.steps().isEmpty());
    }

    @Test
    void theLockIsFreeAfterwardsAndItsFenceCounterHasATtl() {
        assertEquals(-2, redis.client().pttl(LockKeys.lock(namespace, "counter")), "the lock key is gone");
        long fencePttl = redis.client().pttl(LockKeys.lock(namespace, "counter") + "|fence");
        assertTrue(fencePttl > 0, "the fence counter exists with a TTL: " + fencePttl);
    }
}
