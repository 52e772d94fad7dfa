package io.rediscache.it.caching;

import java.util.List;

import io.rediscache.it.app.CachingApp;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The core contract of {@code @RedisCache}, in a forked JVM with the real agent jar against a
 * real Redis: hit and miss, key shape and TTL, null caching, exceptions never cached, TTL
 * expiry, unkeyable arguments and void methods refused with one warning.
 */
@ExtendWith(RedisHarness.class)
class CachingBehaviourTest {

    private static ForkedJvm.Result run;
    private static String namespace;
    private static RedisTarget redis;

    @BeforeAll
    static void runBasicScenario(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("basic");
        run = ForkedJvm.withAgent()
                .set("redis.url", target.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .run(CachingApp.class, "basic")
                .assertSucceeded();
    }

    @Test
    void aHitReturnsAnEqualCopyWithoutRunningTheBody() {
        assertEquals("1", run.get("price.runs"), run.describe());
        assertEquals("true", run.get("price.equal"));
        assertEquals("false", run.get("price.sameInstance"), "every hit decodes the caller's own copy");
        assertEquals("2", run.get("price.runsAfterOtherSku"), "another @CacheKey value is another entry");
    }

    @Test
    void cacheClearEmptiesThatCacheOnly() {
        assertEquals("2,0", run.get("clear.runs"), "miss, hit, Cache.clear(\"clearable\"), miss, hit; squares still hit");
    }

    @Test
    void primitiveResultsOfStaticMethodsAreCached() {
        assertEquals("49,49", run.get("square.values"));
        assertEquals("1", run.get("square.runs"));
    }

    @Test
    void nullResultsAreCachedToo() {
        assertEquals("null,null", run.get("missing.values"));
        assertEquals("1", run.get("missing.runs"));
        assertEquals(1, keys("missing").size());
    }

    @Test
    void exceptionsPropagateUnchangedAndAreNeverCached() {
        assertEquals("java.lang.IllegalStateException: no row for F", run.get("failing.first"));
        assertEquals(run.get("failing.first"), run.get("failing.second"));
        assertEquals("2", run.get("failing.runs"));
        assertTrue(keys("failing").isEmpty(), "nothing stored for a method that threw");
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        assertEquals("fresh-S", run.get("short.first"));
        assertEquals("fresh-S", run.get("short.afterTtl"));
        assertEquals("2", run.get("short.runs"), "one miss, one hit, one miss after the 1 s TTL");
    }

    @Test
    void keysHaveTheDocumentedShapeAndAlwaysATtl() {
        List<String> prices = keys("prices");
        assertEquals(2, prices.size(), "one entry per sku: " + prices);
        for (String key : prices) {
            assertTrue(key.matches(java.util.regex.Pattern.quote(namespace + "|prices|") + "[0-9a-f]{32}"), key);
            long ttl = redis.client().ttl(key);
            assertTrue(ttl > 0 && ttl <= 60, "TTL of " + key + " is " + ttl);
        }
        for (String key : keys("*")) {
            assertTrue(redis.client().pttl(key) > 0, "every key carries a TTL: " + key);
        }
        assertEquals(1, keys("CatalogService.defaultName").size(), "default cache name is Class.method");
        assertEquals("1", run.get("defaultName.runs"));
    }

    @Test
    void anUnkeyableArgumentRunsUncachedWithOneWarningNamingMethodAndParameter() {
        assertEquals("2,3", run.get("count.values"));
        assertEquals("2", run.get("count.runs"));
        assertTrue(keys("streams").isEmpty());
        List<String> warnings = run.stderr().lines()
                .filter(line -> line.contains("CatalogService#count(java.util.stream.Stream)"))
                .toList();
        assertEquals(1, warnings.size(), run.stderr());
        assertTrue(warnings.get(0).contains("parameter 1 'items'"), warnings.get(0));
        assertTrue(warnings.get(0).contains("WARN"), warnings.get(0));
    }

    @Test
    void voidMethodsAreRefusedWithAWarningAndStillRun() {
        assertEquals("2", run.get("log.runs"));
        assertTrue(run.stderr().contains("@RedisCache on io.rediscache.it.app.CatalogService#log(java.lang.String) is ignored"),
                run.stderr());
        assertTrue(keys("void").isEmpty());
    }

    @Test
    void startUpSaysVersionBackendAndInstrumentedMethods() {
        assertTrue(run.stderr().matches("(?s).*redis-cache-agent 0\\.1\\.0-SNAPSHOT started: backend Redis redis://(\\*\\*\\*\\*@)?127\\.0\\.0\\.1:.*"),
                run.stderr()); // with -Dit.redis.acl=true the URL has a user and password, shown as ****
        assertTrue(run.stderr().contains("Instrumented io.rediscache.it.app.CatalogService: cached price (cache 'prices')"), run.stderr());
    }

    private static List<String> keys(String cache) {
        return redis.keys(namespace + "|" + cache + ("*".equals(cache) ? "" : "|*"));
    }
}
