package io.rediscache.it.lifecycle;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JVM with the agent attached ends when the application ends, without the 300 ms that HotSpot
 * waits at exit for threads blocked in native code (a socket read): the agent's subscriber threads
 * must have left their socket reads while the JVM shuts down. The application's own shutdown hook
 * ({@link JvmExitApp}) watches them end. The delay from the end of {@code main} to the end of the
 * process is printed ({@code EXIT} line), not asserted: it is the figure the README quotes.
 */
@ExtendWith(RedisHarness.class)
class JvmExitTest {

    @Test
    void theAgentsSubscriberThreadsEndWhenTheJvmShutsDown(RedisTarget redis) throws Exception {
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", RedisTarget.uniqueNamespace("exit"))
                .run(JvmExitApp.class)
                .assertSucceeded();
        long exited = System.currentTimeMillis();
        assertEquals("3,3", run.get("cached"), run.describe());
        assertEquals(1, run.getLong("runs"), "the second call was a hit: " + run.describe());
        assertEquals(JvmExitApp.SUBSCRIBERS.length, run.getLong("subscribers"),
                "both subscriptions were live before the end: " + run.describe());
        assertEquals("true", run.get("subscribersEnded"),
                "the agent's subscriber threads ended during shutdown: " + run.describe());
        System.out.println("EXIT main ended " + (exited - run.getLong("mainEndedAtMillis"))
                + " ms before the forked JVM was seen to end; subscribers ended "
                + run.get("subscribersEndedWithinMillis") + " ms into shutdown");
    }
}
