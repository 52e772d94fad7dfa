package io.rediscache.it.packaging;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The basic hit/miss scenario on the newest JDK the product supports (Temurin 25, home in the
 * system property {@code it.jdk25.home}; the test fails, it does not skip, when it is missing),
 * with Redis and with the in-process store, and, to compare, on the default JDK 17: caching
 * works and the JVM prints no warnings because of the agent. On JDK 25 also a {@code @Locked}
 * scenario against Redis (acquire, renewal, release, fencing token, timeout).
 *
 * <p>Two warnings the agent takes care to avoid, and which this test catches: JDK 24+ reports
 * any use of {@code sun.misc.Unsafe} (Byte Buddy's injector, Kryo, Caffeine 2.x would), and
 * HotSpot reports {@value #CDS_WARNING} when a jar is appended to the bootstrap class path
 * (the agent defines its bridge classes directly instead). Neither may appear, on 25 or 17.
 */
@ExtendWith(RedisHarness.class)
class Jdk25SmokeTest {

    static final String CDS_WARNING = "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes"
            + " because bootstrap classpath has been appended";
    private static final Pattern AGENT_LOG_LINE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.+-]+ \\[(TRACE|DEBUG|INFO|WARN|ERROR)\\] [\\w.$-]+ - .*");

    @Test
    void cachingWorksOnJdk25WithoutUnsafeWarnings(RedisTarget redis) throws Exception {
        ForkedJvm.Result run = runBasic(ForkedJvm.jdk25Home(), redis.url());
        assertCachingWorked(run, "25", "Redis redis://");
        assertNoJvmWarning(run);
    }

    /** Without {@code redis.url} the agent caches in process: that store must not use sun.misc.Unsafe either. */
    @Test
    void theInProcessStoreWorksOnJdk25WithoutUnsafeWarnings() throws Exception {
        ForkedJvm.Result run = runBasic(ForkedJvm.jdk25Home(), null);
        assertCachingWorked(run, "25", "in-process store");
        assertNoJvmWarning(run);
    }

    /**
     * {@code @Locked} on JDK 25 against Redis: the body runs while the lock's key holds the agent's
     * token, reads its fencing token (the one stored beside the key), outlives its lease through
     * renewal; the key is gone after the call; a call while another holder has the key waits its
     * 300 ms and fails with {@code LockTimeoutException} without running the body.
     */
    @Test
    void lockingWorksOnJdk25WithoutWarnings(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("jdk-smoke-lock");
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .javaHome(ForkedJvm.jdk25Home())
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .run(Jdk25LockSmokeApp.class, redis.url(), namespace)
                .assertSucceeded();
        assertEquals("25", run.get("java.specification.version"), "the forked JVM runs another Java");
        assertTrue(run.stderr().contains("locks in Redis redis://"), run.describe());
        assertEquals("returned:ran", run.get("free"), run.describe());
        assertEquals("true", run.get("inside.tokenPresent"), "the lock's key held the agent's token during the body");
        long pttl = run.getLong("inside.pttl");
        assertTrue(pttl > 0 && pttl <= 600, "leaseMillis = 600 is the key's PX: " + pttl);
        long fence = run.getLong("inside.fence");
        assertTrue(fence > 0, "Locks.fencingToken() inside the body: " + fence);
        assertEquals(Long.toString(fence), run.get("inside.fenceInRedis"), "the token is the one stored beside the key");
        assertEquals("true", run.get("inside.sameTokenAfterLease"), "renewed past its 600 ms lease");
        assertEquals(-2, run.getLong("free.pttlAfter"), "released after the call");
        assertTrue(run.get("held").startsWith("io.rediscache.LockTimeoutException: "), run.get("held"));
        assertEquals("true", run.get("held.foreignTokenKept"), "the other holder's key was left alone");
        assertEquals("1", run.get("runs"), "the body did not run while the lock was held elsewhere");
        assertNoJvmWarning(run);
        assertEquals(List.of(), foreignStderrLines(run), "lines on stderr that are not the agent's log: " + run.describe());
    }

    private static void assertNoJvmWarning(ForkedJvm.Result run) {
        List<String> unsafe = output(run).filter(line -> line.contains("sun.misc.Unsafe")).toList();
        assertTrue(unsafe.isEmpty(), "JDK 25 reported sun.misc.Unsafe use: " + unsafe + "\n" + run.describe());
        assertEquals(List.of(), jvmWarnings(run), run.describe());
    }

    @Test
    void cachingWorksOnJdk17WithoutAnyJvmWarning(RedisTarget redis) throws Exception {
        ForkedJvm.Result run = runBasic(System.getProperty("java.home"), redis.url());
        assertCachingWorked(run, "17", "Redis redis://");
        assertEquals(List.of(), jvmWarnings(run), run.describe());
        assertEquals(List.of(), foreignStderrLines(run), "lines on stderr that are not the agent's log: " + run.describe());
    }

    /** Everything on stderr should be the agent's own log: one line per message, "{time} [LEVEL] {logger} - {message}". */
    private static List<String> foreignStderrLines(ForkedJvm.Result run) {
        return run.stderr().lines().filter(line -> !AGENT_LOG_LINE.matcher(line).matches()).toList();
    }

    /** Runs the basic scenario on {@code javaHome}, against {@code redisUrl}, or in process when it is null. */
    private static ForkedJvm.Result runBasic(String javaHome, String redisUrl) throws Exception {
        ForkedJvm jvm = ForkedJvm.withAgent()
                .javaHome(javaHome)
                .set("cache.namespace", RedisTarget.uniqueNamespace("jdk-smoke"));
        if (redisUrl != null) {
            jvm.set("redis.url", redisUrl);
        }
        return jvm.run(Jdk25SmokeApp.class).assertSucceeded();
    }

    private static void assertCachingWorked(ForkedJvm.Result run, String javaVersion, String backend) {
        assertEquals(javaVersion, run.get("java.specification.version"), "the forked JVM runs another Java");
        assertTrue(run.stderr().contains("started: backend " + backend), run.describe());
        assertEquals("1", run.get("price.runs"), "a miss then a hit: " + run.describe());
        assertEquals("true", run.get("price.equal"));
        assertEquals("2", run.get("price.runsAfterOtherSku"));
        assertEquals("49,49", run.get("square.values"));
        assertEquals("1", run.get("square.runs"));
        assertEquals("2", run.get("short.runs"), "expired after its TTL");
    }

    /** Lines the JVM itself prints as warnings, on either stream (HotSpot's go to stdout or stderr by version). */
    private static List<String> jvmWarnings(ForkedJvm.Result run) {
        return output(run)
                .filter(line -> line.startsWith("WARNING:") || line.matches("^(OpenJDK|Java HotSpot\\(TM\\)) 64-Bit \\w+ VM warning.*"))
                .toList();
    }

    private static Stream<String> output(ForkedJvm.Result run) {
        return Stream.concat(run.stdout().lines(), run.stderr().lines());
    }
}
