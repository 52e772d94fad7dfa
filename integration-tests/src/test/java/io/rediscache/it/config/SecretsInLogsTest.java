package io.rediscache.it.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import static io.rediscache.it.config.Logs.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's log never shows a password or a cached value, even at {@code agent.log.level=debug}:
 * with the right password (caching works: the stored bytes do hold the secret value), with a
 * wrong one (Redis refuses, the application runs uncached), and when the URL carrying the
 * password is itself invalid.
 */
class SecretsInLogsTest {

    private static final String PASSWORD = "s3cr3t-pw";
    private static final String WRONG_PASSWORD = "wr0ng-pw";
    private static final String VALUE_MARK = "SECRET-VALUE";

    private static RedisServer redis;
    private static JedisPooled client;

    @BeforeAll
    static void startRedisWithPassword() {
        redis = RedisServer.start("--requirepass", PASSWORD);
        client = new JedisPooled(new HostAndPort(redis.host(), redis.port()),
                DefaultJedisClientConfig.builder().password(PASSWORD).build());
    }

    @AfterAll
    static void stopRedis() {
        client.close();
        redis.close();
    }

    @Test
    void withThePasswordCachingWorksAndTheLogShowsNeitherPasswordNorValues() throws Exception {
        String namespace = "secrets-" + Long.toHexString(System.nanoTime());
        ForkedJvm.Result result = run(PASSWORD, namespace);

        assertEquals(5, result.getLong("secret.correct"), result.describe());
        assertEquals(2, result.getLong("secret.runs"), "five calls on two ids: two misses, three hits\n" + result.describe());
        List<String> keys = RedisKeys.inNamespace(client, namespace);
        assertEquals(2, keys.size(), keys.toString());
        for (String key : keys) {
            String stored = new String(client.get(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
            assertTrue(stored.contains(VALUE_MARK), "the secret value really went through the agent: " + key);
        }
        assertTrue(lines(result.stderr(), "Connected to Redis") == 1, result.stderr());
        assertTrue(lines(result.stderr(), "[DEBUG]") > 0, "debug logging is on:\n" + result.stderr());
        assertNoSecrets(result);
    }

    @Test
    void withAWrongPasswordTheApplicationRunsUncachedAndTheLogShowsNoPassword() throws Exception {
        ForkedJvm.Result result = run(WRONG_PASSWORD, "secrets-wrong-" + Long.toHexString(System.nanoTime()));

        assertEquals(5, result.getLong("secret.correct"), result.describe());
        assertEquals(5, result.getLong("secret.runs"), "Redis refuses the agent: every call runs the body\n" + result.describe());
        assertEquals(1, lines(result.stderr(), "[WARN]", "is unreachable or failing"), result.stderr());
        assertTrue(lines(result.stderr(), "[DEBUG]") > 0, "debug logging is on:\n" + result.stderr());
        assertNoSecrets(result);
        assertFalse(result.stderr().contains(WRONG_PASSWORD), "the configured password is never logged:\n" + result.stderr());
    }

    @Test
    void anInvalidUrlIsReportedWithThePasswordHidden() throws Exception {
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", "http://:" + PASSWORD + "@" + redis.host() + ":" + redis.port() + "/0")
                .set("agent.log.level", "debug")
                .run(ConfigApp.class, "secrets")
                .assertSucceeded();

        assertEquals(1, lines(result.stderr(), "[ERROR]", "redis.url=http://****@" + redis.host() + ":" + redis.port()),
                "the error names the key and the value, without the password:\n" + result.stderr());
        assertEquals(5, result.getLong("secret.runs"), "the agent is disabled\n" + result.describe());
        assertNoSecrets(result);
    }

    private static ForkedJvm.Result run(String password, String namespace) throws Exception {
        return ForkedJvm.withAgent()
                .set("redis.url", "redis://:" + password + "@" + redis.host() + ":" + redis.port() + "/0")
                .set("cache.namespace", namespace)
                .set("agent.log.level", "debug")
                .run(ConfigApp.class, "secrets")
                .assertSucceeded();
    }

    private static void assertNoSecrets(ForkedJvm.Result result) {
        assertFalse(result.stderr().contains(PASSWORD), "the password is never logged:\n" + result.stderr());
        assertFalse(result.stderr().contains(VALUE_MARK), "cached values are never logged:\n" + result.stderr());
        assertFalse(result.stdout().contains(PASSWORD), result.stdout());
    }
}
