package io.rediscache.it.config;

import io.rediscache.it.app.CachingApp;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.rediscache.it.config.Logs.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration mistakes: an invalid value disables the agent with an error naming the key and
 * the value, and the application runs exactly as without the agent; with
 * {@code agent.strict=true} the JVM refuses to start instead; a misspelt key is a warning that
 * names it, and the agent keeps working.
 */
@ExtendWith(RedisHarness.class)
class InvalidConfigurationTest {

    private static final int CALLS = 20;
    private static RedisTarget redis;

    @BeforeAll
    static void redis(RedisTarget target) {
        redis = target;
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiterString = " | ", value = {
        "cache.ttl | abc",
        "cache.ttl | -5s",
        "cache.ttl | 5 minutes",
        "redis.pool.size | -1",
        "redis.url | http://x",
        "redis.timeout.socket | 0ms",
        "redis.pool.wait | 1y",
        "redis.breaker.failures | 0",
        "lock.wait | soon",
        "lock.lease | 0",
        "cache.namespace | a|b",
        "agent.log.level | verbose",
        "agent.strict | maybe",
        "cache.user.provider | com.acme.Session",
        "cache.allowed.packages | com..acme",
        "cache.method.prices | com.acme.PriceService",
        "cache.method.prices | com.acme.PriceService#get(java.util.List<String>)",
    })
    void anInvalidValueDisablesTheAgentAndTheApplicationRunsUnchanged(String key, String value) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("invalid");
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .set(key, value)
                .run(CachingApp.class, "calls", Integer.toString(CALLS))
                .assertSucceeded();

        String stderr = result.stderr();
        assertEquals(1, lines(stderr, "[ERROR]", key + "=" + value, "is invalid", "expected"),
                "one error naming the key and the value and saying what is expected:\n" + stderr);
        assertEquals(1, lines(stderr, "[ERROR]", "agent is disabled"), stderr);
        assertFalse(stderr.contains(" started: backend"), "the agent did not start:\n" + stderr);

        assertEquals(CALLS, result.getLong("price.runs"), "the body ran every time: nothing cached\n" + result.describe());
        assertEquals(0, result.getLong("calls.wrong"));
        assertEquals(0, result.getLong("calls.exceptions"));
        assertTrue(RedisKeys.inNamespace(redis.client(), namespace).isEmpty(), "nothing written to Redis");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"cache.ttl, abc", "redis.pool.size, -1", "redis.url, http://x"})
    void withAgentStrictAnInvalidValueStopsTheJvm(String key, String value) throws Exception {
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("agent.strict", "true")
                .set(key, value)
                .run(CachingApp.class, "calls", Integer.toString(CALLS));

        assertEquals(78, result.exitCode(), "a plain exit with EX_CONFIG, not a HotSpot abort:\n" + result.describe());
        assertTrue(result.results().isEmpty(), "the application never ran:\n" + result.describe());
        assertTrue(lines(result.stderr(), "[ERROR]", key + "=" + value, "is invalid") >= 1, result.stderr());
        assertTrue(lines(result.stderr(), "agent.strict=true", "does not start", key + "=" + value) >= 1,
                "the reason the JVM stops names the key and the value:\n" + result.stderr());
    }

    @Test
    void anInvalidSigningKeyIsReportedWithoutShowingIt() throws Exception {
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.signing.key", "S3cr3t-canary")
                .run(CachingApp.class, "calls", Integer.toString(CALLS))
                .assertSucceeded();

        assertEquals(1, lines(result.stderr(), "[ERROR]", "cache.signing.key=(hidden)", "is invalid",
                "shorter than 16 characters"), result.stderr());
        assertFalse(result.stderr().contains("S3cr3t-canary"), result.stderr());
        assertEquals(CALLS, result.getLong("price.runs"), "the application ran, uncached");
    }

    @Test
    void aMissingPropertiesFileIsReportedAndTheApplicationRuns() throws Exception {
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .agentArgumentsReplacingConfig("config=/nonexistent/agent.properties")
                .run(CachingApp.class, "calls", Integer.toString(CALLS))
                .assertSucceeded();

        assertEquals(1, lines(result.stderr(), "[ERROR]", "config=/nonexistent/agent.properties",
                "the properties file does not exist"), result.stderr());
        assertEquals(CALLS, result.getLong("price.runs"));
    }

    @Test
    void aMisspeltKeyIsAWarningNamingItAndTheAgentStillWorks() throws Exception {
        String namespace = RedisTarget.uniqueNamespace("misspelt");
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .set("cache.tll", "5")
                .run(CachingApp.class, "calls", Integer.toString(CALLS))
                .assertSucceeded();

        String stderr = result.stderr();
        assertEquals(1, lines(stderr, "[WARN]", "'cache.tll'"), "a warning names the unknown key:\n" + stderr);
        assertTrue(lines(stderr, "'cache.tll'", "cache.ttl") >= 1, "and lists the known keys:\n" + stderr);
        assertEquals(0, lines(stderr, "[ERROR]"), stderr);
        assertTrue(stderr.contains(" started: backend Redis"), stderr);

        assertEquals(10, result.getLong("price.runs"), "20 calls on 10 keys: 10 misses, 10 hits\n" + result.describe());
        assertEquals(0, result.getLong("calls.wrong"));
        assertEquals(0, result.getLong("calls.exceptions"));
        assertEquals(10, RedisKeys.inNamespace(redis.client(), namespace).size());
    }
}
