package io.rediscache.it.security;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets and personal data stay out of what the agent says: with password {@value #PASSWORD}
 * in {@code redis.url} and arguments containing {@code PII-canary}, neither string appears in
 * any log line (at debug level) or exception message, neither in a normal run nor when a lock
 * is held elsewhere nor when Redis refuses the password.
 */
class CanariesInLogsTest {

    private static final String PASSWORD = "S3cr3t-canary";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start("--requirepass", PASSWORD);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void aNormalRunAndALockHeldElsewhereSayNeither() throws Exception {
        ForkedJvm.Result run = run(PASSWORD);

        assertTrue(run.get("lock").startsWith("io.rediscache.LockTimeoutException"), run.describe());
        assertTrue(run.get("lock").contains("person_{0}"), "the lock is named as written: " + run.get("lock"));
        assertTrue(run.get("cacheValueBack").equals("true"), run.describe());
        assertNoCanary(run);
    }

    @Test
    void aRefusedPasswordSaysNeither() throws Exception {
        ForkedJvm.Result run = run("wr0ng-password");

        assertTrue(run.get("lock").startsWith("io.rediscache.LockUnavailableException"), run.describe());
        assertNoCanary(run);
    }

    private static ForkedJvm.Result run(String password) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("canary");
        String url = "redis://:" + password + "@" + redis.host() + ":" + redis.port();
        return ForkedJvm.withAgent()
                .set("redis.url", url)
                .set("cache.namespace", namespace)
                .set("agent.log.level", "debug")
                .run(CanaryApp.class, namespace, redis.url(), PASSWORD)
                .assertSucceeded();
    }

    private static void assertNoCanary(ForkedJvm.Result run) {
        for (String text : new String[] {run.stdout(), run.stderr()}) {
            assertFalse(text.contains("PII-canary"), "personal data in what the agent said:\n" + text);
            assertFalse(text.contains("S3cr3t-canary") || text.contains("wr0ng-password"), "a password in:\n" + text);
        }
    }
}
