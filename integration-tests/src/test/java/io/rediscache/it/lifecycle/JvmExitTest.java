package io.rediscache.it.lifecycle;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A JVM with the agent attached ends when the application ends, without the 300 ms that HotSpot
 * waits at exit for threads blocked in native code (a socket read): the agent's subscriber threads
 * (and with Sentinel, the Sentinel client's listener threads) must have left their socket reads
 * while the JVM shuts down. The application's own shutdown hook
 * ({@link JvmExitApp}) watches them end. The delay from the end of {@code main} to the end of the
 * process is printed ({@code EXIT} line), not asserted: it is the figure the README quotes.
 */
@ExtendWith(RedisHarness.class)
class JvmExitTest {

    @Test
    void theAgentsSubscriberThreadsEndWhenTheJvmShutsDown(RedisTarget redis) throws Exception {
        assertEndsPromptly(ForkedJvm.withAgent().set("redis.url", redis.url()), 0);
    }

    /** With Sentinel, also the threads of Jedis's Sentinel client that listen to each Sentinel. */
    @Test
    void theSentinelListenersEndToo() throws Exception {
        try (RedisSentinelGroup group = RedisSentinelGroup.start()) {
            assertEndsPromptly(ForkedJvm.withAgent()
                    .set("redis.sentinel.nodes", group.sentinelNodes())
                    .set("redis.sentinel.master", group.masterName()), group.sentinelAddresses().size());
        }
    }

    private static void assertEndsPromptly(ForkedJvm jvm, int sentinels) throws Exception {
        ForkedJvm.Result run = jvm.set("cache.namespace", RedisTarget.uniqueNamespace("exit"))
                .run(JvmExitApp.class, Integer.toString(sentinels))
                .assertSucceeded();
        long exited = System.currentTimeMillis();
        assertEquals("3,3", run.get("cached"), run.describe());
        assertEquals(1, run.getLong("runs"), "the second call was a hit: " + run.describe());
        assertEquals(JvmExitApp.SUBSCRIBERS.length + sentinels, run.getLong("subscribers"),
                "both subscriptions were live before the end: " + run.describe());
        assertEquals("true", run.get("subscribersEnded"),
                "the agent's subscriber threads ended during shutdown: " + run.describe());
        assertFalse(run.stderr().contains("[WARN]") || run.stderr().contains("[ERROR]") || run.stderr().contains("Exception"),
                "shutting down logs no warning: " + run.describe());
        System.out.println("EXIT main ended " + (exited - run.getLong("mainEndedAtMillis"))
                + " ms before the forked JVM was seen to end (" + sentinels + " Sentinels); subscribers ended "
                + run.get("subscribersEndedWithinMillis") + " ms into shutdown");
    }
}
