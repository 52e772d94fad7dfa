package io.rediscache.it.stampede;

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
 * A stampede: 3 forked JVMs with the agent, 200 callers each, released together at one absent
 * key whose method takes 200 ms. With single flight (the default) the method runs at most once
 * per JVM; with {@code cache.stampede.lock=true} once in total; with
 * {@code cache.singleflight=false} (the control) it runs for many callers, which shows the test
 * can fail. Every run: all 600 callers get the right value, each its own instance, no exception.
 * The method counts its runs per JVM and in total ({@code INCR} on a test key).
 */
@ExtendWith(RedisHarness.class)
class StampedeTest {

    private static final int JVMS = 3;
    private static final int CALLERS = 200;

    private static Burst singleFlight;
    private static Burst withoutSingleFlight;
    private static Burst crossJvmLock;

    private record Burst(String mode, List<ForkedJvm.Result> jvms, long totalRuns) {

        String describe() {
            StringBuilder text = new StringBuilder(mode + ": " + totalRuns + " runs in total\n");
            jvms.forEach(jvm -> text.append(jvm.describe()).append('\n'));
            return text.toString();
        }

        String perJvmRuns() {
            return jvms.stream().map(jvm -> jvm.get("runs")).toList().toString();
        }
    }

    @BeforeAll
    static void burst(RedisTarget redis) throws Exception {
        singleFlight = burst(redis, "single-flight");
        withoutSingleFlight = burst(redis, "no-single-flight");
        crossJvmLock = burst(redis, "cross-jvm-lock");
        for (Burst burst : List.of(singleFlight, withoutSingleFlight, crossJvmLock)) {
            System.out.printf("Stampede, %d JVMs x %d callers, %s: origin runs per JVM %s, %d in total%n",
                    JVMS, CALLERS, burst.mode(), burst.perJvmRuns(), burst.totalRuns());
        }
    }

    private static Burst burst(RedisTarget redis, String mode) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("stampede");
        String counterKey = namespace + "|test|runs";
        List<ForkedJvm.Running> running = new ArrayList<>();
        for (int i = 0; i < JVMS; i++) {
            ForkedJvm jvm = ForkedJvm.withAgent()
                    .set("redis.url", redis.url())
                    .set("cache.namespace", namespace)
                    // one connection per caller: with the default pool (16, 200 ms wait) a burst of 200 threads on a
                    // small machine can time out waiting for a connection, and such calls run uncached by design
                    .set("redis.pool.size", Integer.toString(CALLERS))
                    .timeoutSeconds(90);
            if (mode.equals("no-single-flight")) {
                jvm.set("cache.singleflight", "false");
            } else if (mode.equals("cross-jvm-lock")) {
                jvm.set("cache.stampede.lock", "true");
            }
            running.add(jvm.start(StampedeApp.class, "burst", redis.url(), counterKey, namespace + "|test|ready",
                    Integer.toString(JVMS), Integer.toString(CALLERS)));
        }
        List<ForkedJvm.Result> results = new ArrayList<>();
        for (ForkedJvm.Running jvm : running) {
            results.add(jvm.await().assertSucceeded());
        }
        String counter = redis.client().get(counterKey);
        return new Burst(mode, results, counter == null ? 0 : Long.parseLong(counter));
    }

    @Test
    void withSingleFlightTheMethodRunsAtMostOncePerJvm() {
        for (ForkedJvm.Result jvm : singleFlight.jvms()) {
            assertTrue(jvm.getLong("runs") <= 1, singleFlight.describe());
        }
        assertTrue(singleFlight.totalRuns() >= 1 && singleFlight.totalRuns() <= JVMS, singleFlight.describe());
        assertEquals(singleFlight.jvms().stream().mapToLong(jvm -> jvm.getLong("runs")).sum(), singleFlight.totalRuns(),
                "the Redis counter agrees with the JVMs' own counts");
    }

    @Test
    void withTheCrossJvmLockTheMethodRunsOnceInTotal() {
        assertEquals(1, crossJvmLock.totalRuns(), crossJvmLock.describe());
    }

    @Test
    void withoutSingleFlightTheSameBurstRunsTheMethodForManyCallers() {
        for (ForkedJvm.Result jvm : withoutSingleFlight.jvms()) {
            assertTrue(jvm.getLong("runs") > 1, "the control must stampede, or this test proves nothing: "
                    + withoutSingleFlight.describe());
        }
    }

    @Test
    void everyCallerGetsTheRightValueInItsOwnInstanceAndNoException() {
        for (Burst burst : List.of(singleFlight, withoutSingleFlight, crossJvmLock)) {
            for (ForkedJvm.Result jvm : burst.jvms()) {
                assertEquals(0, jvm.getLong("errors"), jvm.get("firstError"));
                assertEquals(CALLERS, jvm.getLong("correct"), burst.describe());
                assertEquals(CALLERS, jvm.getLong("distinctInstances"), "no two callers share one mutable value");
            }
        }
    }

    @Test
    void theJvmsReallyOverlapped() {
        for (Burst burst : List.of(singleFlight, withoutSingleFlight, crossJvmLock)) {
            long lastStart = burst.jvms().stream().mapToLong(jvm -> jvm.getLong("startedAt")).max().orElseThrow();
            long firstEnd = burst.jvms().stream().mapToLong(jvm -> jvm.getLong("endedAt")).min().orElseThrow();
            assertTrue(lastStart < firstEnd, "every JVM released its callers before any had finished: " + burst.describe());
        }
    }
}
