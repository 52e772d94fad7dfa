package io.rediscache.it.scope;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code RequestCache}: inside a scope each key is fetched from Redis at most once, whether read
 * through a {@code @RedisCache} method, {@code Cache.get} or {@code Cache.hget}; hits stay
 * copies; a delete on the thread is seen at once; nothing survives the scope. Runs against a
 * server of its own, so that Redis's command counters count this application's commands only.
 */
class RequestScopeTest {

    @Test
    void insideAScopeEachKeyIsFetchedOnce() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            ForkedJvm.Result run = ForkedJvm.withAgent()
                    .set("redis.url", RedisAcl.agentUrl(redis.url(), "scope"))
                    .set("cache.namespace", "scope")
                    .run(ScopeApp.class, redis.url(), "scope")
                    .assertSucceeded();
            RedisAcl.assertNoRefusalsWhenEnabled(redis.url());

            assertEquals("[item-1, v1, fast]", run.get("inside.values"), run.describe());
            assertEquals("1", run.get("runs"), "every lookup in the scope was a hit");
            assertEquals("2", run.get("inside.gets"), "30 lookups of 3 keys: one GET for the method's entry, one for"
                    + " the value (the hash field has its own counter)");
            assertEquals("1", run.get("inside.hgets"));
            assertEquals("v1", run.get("inside.afterOutsideChange"), "a change by another client is not seen in the scope");
            assertEquals("[a]", run.get("inside.copy"), "a hit in the scope is still the caller's own copy");
            assertEquals("null", run.get("inside.afterDelete"), "this thread's delete is seen at once");
            assertEquals("10", run.get("outside.gets"), "after the scope every lookup goes to Redis again");
        }
    }
}
