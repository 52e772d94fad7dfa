package io.rediscache.it.api;

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
 * {@code io.rediscache.Cache}, the programmatic API, in forked JVMs with the real agent against
 * a real Redis: one JVM uses every operation, a second one reads what the first stored; and
 * without the agent (or without {@code redis.url}) the same calls work in process and say so.
 */
@ExtendWith(RedisHarness.class)
class CacheApiTest {

    private static RedisTarget redis;
    private static String namespace;
    private static String agentUrl;
    private static ForkedJvm.Result writer;
    private static ForkedJvm.Result reader;

    @BeforeAll
    static void writeThenReadInAnotherJvm(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("api");
        agentUrl = redis.agentUrl(namespace, "currency_list");
        redis.client().del("currency_list");
        writer = agent().run(CacheApiApp.class, "write").assertSucceeded();
        reader = agent().run(CacheApiApp.class, "read").assertSucceeded();
    }

    private static ForkedJvm agent() {
        return ForkedJvm.withAgent().set("redis.url", agentUrl).set("cache.namespace", namespace);
    }

    @Test
    void getAndSetRoundTripValuesNullIncludedUnderTheNamespace() {
        assertEquals("1.0825", writer.get("get"), writer.describe());
        assertEquals("null", writer.get("getMissing"));
        assertEquals("null,null", writer.get("getNull"), "a stored null is a hit: the loader does not run");
        assertTrue(redis.client().exists(namespace + "|#value|rate|EUR|USD"));
        long ttl = redis.client().pttl(namespace + "|#value|rate|EUR|USD");
        assertTrue(ttl > 0 && ttl <= 300_000, "cache.ttl (5 min) when none is given: " + ttl);
    }

    @Test
    void concurrentMissesOfOneKeyRunTheLoaderOnce() {
        assertEquals("1", writer.get("singleFlight"), "8 threads, one load, all got the value: " + writer.get("singleFlight"));
    }

    @Test
    void aFailingLoaderThrowsCacheLoaderExceptionAndStoresNothing() {
        assertTrue(writer.get("loaderFailure").startsWith("io.rediscache.CacheLoaderException: the loader of"),
                writer.get("loaderFailure"));
        assertTrue(writer.get("loaderFailure").endsWith("cause java.lang.IllegalStateException: source down"));
        assertEquals("null", writer.get("loaderFailureStored"));
    }

    @Test
    void aGivenTtlIsHonoured() {
        assertEquals("s", writer.get("ttl.before"));
        assertEquals("null", writer.get("ttl.after"));
    }

    @Test
    void deleteOneOrManyAndByPattern() {
        assertEquals("2,null,null", writer.get("delete"), "two of the three keys existed");
        assertEquals("50,null,kept", writer.get("deleteKeys"));
        assertEquals(List.of(), redis.keys(namespace + "|#value|batch|*"));
    }

    @Test
    void valuesAreCopiedInAndOut() {
        assertEquals("[x, y]", writer.get("copies"), "neither the caller's later change nor a reader's change reached the cache");
    }

    @Test
    void hashOperations() {
        assertEquals("true,null", writer.get("hget"));
        assertEquals("{email_enabled=true, max_retries=3, sms_enabled=false}", writer.get("hgetAll"));
        assertEquals("true,false", writer.get("hexists"));
        assertEquals("1,false", writer.get("hdel"));
        assertEquals("[read, write] loads=1", writer.get("hgetLoader"));
        assertEquals("hash", redis.client().type(namespace + "|#hash|config|notifications"));
        assertTrue(redis.client().pttl(namespace + "|#hash|config|notifications") > 0, "a hash has a TTL too");
    }

    @Test
    void perUserValuesAreVisibleUnderThatUserOnly() {
        assertEquals("compact,null,null", writer.get("perUser"));
        assertTrue(redis.client().exists(namespace + "|#user|ann@example.com|dashboard_layout"));
    }

    @Test
    void sharedKeysLiveOutsideTheNamespace() {
        assertEquals("[EUR, USD],null", writer.get("shared"));
        assertTrue(redis.client().exists("currency_list"), "the shared key is the Redis key itself");
        assertTrue(writer.get("sharedHash").startsWith("java.lang.IllegalArgumentException: a shared key must not start"
                + " with '#'"), "shared keys cannot reach the agent's own: " + writer.get("sharedHash"));
        redis.client().del("currency_list");
    }

    @Test
    void aLoadedValueIsNotStoredOverADeleteThatLandedWhileItLoaded() {
        assertEquals("1,2,2", writer.get("race"), "the slow load returns 1 to its caller; the next get loads 2");
    }

    @Test
    void anotherJvmReadsTheSameStore() {
        assertEquals("1.0825", reader.get("read.get"));
        assertEquals("3", reader.get("read.hget"));
        assertEquals("compact", reader.get("read.perUser"));
        assertEquals("report-body", reader.get("read.report"), "a hit on the first JVM's loaded value");
    }

    @Test
    void noWarningAboutAnInProcessStoreWithRedis() {
        assertTrue(!writer.stderr().contains("values are kept in this JVM only"), writer.stderr());
    }

    @Test
    void withoutTheAgentTheSameCallsWorkInProcessAndSaySo() throws Exception {
        ForkedJvm.Result local = ForkedJvm.withoutAgent().run(CacheApiApp.class, "write").assertSucceeded();
        assertLocalRun(local);
    }

    @Test
    void withTheAgentButNoRedisUrlTheCallsWorkInProcess() throws Exception {
        ForkedJvm.Result local = ForkedJvm.withAgent().run(CacheApiApp.class, "write").assertSucceeded();
        assertLocalRun(local);
    }

    private static void assertLocalRun(ForkedJvm.Result local) {
        assertTrue(local.stderr().contains("io.rediscache.Cache: no Redis backend"), local.stderr());
        assertEquals("1.0825", local.get("get"));
        assertEquals("1", local.get("singleFlight"));
        assertEquals("2,null,null", local.get("delete"));
        assertEquals("50,null,kept", local.get("deleteKeys"));
        assertEquals("{email_enabled=true, max_retries=3, sms_enabled=false}", local.get("hgetAll"));
        assertEquals("compact,null,null", local.get("perUser"));
        assertEquals("1,2,2", local.get("race"));
        assertEquals("null", local.get("ttl.after"));
    }
}
