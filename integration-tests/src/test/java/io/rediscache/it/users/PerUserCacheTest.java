package io.rediscache.it.users;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @RedisCache(perUser = true)} with {@code cache.user.provider}, in a forked JVM against
 * a real Redis: each user hits their own entries only; without a current user, or without a
 * provider, calls run uncached with one warning naming the method.
 */
@ExtendWith(RedisHarness.class)
class PerUserCacheTest {

    private static final String METHOD = "io.rediscache.it.users.Dashboards#dashboard(java.lang.String)";

    @Test
    void eachUserHitsTheirOwnEntries(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("users");
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .set("redis.url", redis.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .set("cache.user.provider", "io.rediscache.it.users.CurrentUser#name")
                .run(PerUserApp.class)
                .assertSucceeded();

        assertEquals("true", run.get("ann.hit"), run.describe());
        assertEquals("true,true", run.get("bob.own"), "bob gets his own entry, not ann's, and hits it");
        assertEquals("true", run.get("ann.again"));
        assertEquals("2", run.get("runs"), "one run per user");
        assertEquals("4", run.get("noUser.runs"), "without a current user every call runs");
        assertTrue(run.stderr().contains(METHOD + " (perUser) runs uncached when cache.user.provider returns null"),
                run.stderr());
        assertEquals("false,5", run.get("afterEviction"),
                "an entry eviction of a per-user cache cannot say whose entry: the whole cache is cleared");
    }

    @Test
    void withoutAProviderPerUserMethodsRunUncachedAndSaySo(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("users");
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .set("redis.url", redis.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .run(PerUserApp.class)
                .assertSucceeded();

        assertEquals("false", run.get("ann.hit"));
        assertEquals("5", run.get("runs"), "every call ran");
        assertTrue(run.stderr().contains(METHOD + " (perUser) runs uncached: cache.user.provider is not set"), run.stderr());
    }
}
