package io.rediscache.it.config;

import java.net.URI;
import java.util.List;

import io.rediscache.it.app.CachingApp;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.rediscache.it.config.Logs.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration sources, later wins: properties file &lt; environment
 * ({@code REDISCACHE_…}) &lt; system properties ({@code -Drediscache.…}) &lt; agent arguments.
 *
 * <p>Each run stacks the first {@code layers} sources. Every source sets {@code cache.namespace}
 * to a name of its own, and {@code redis.url}: the topmost source to the live Redis, every lower
 * one to a port where nothing listens. So the cached entry lands in the live Redis, under the
 * namespace of the topmost source, only when that source won for both keys.
 */
@ExtendWith(RedisHarness.class)
class ConfigPrecedenceTest {

    private static final String[] SOURCES = {"file", "env", "sysprop", "args"};

    private static RedisTarget redis;
    private static String deadUrl;

    @BeforeAll
    static void redis(RedisTarget target) throws Exception {
        redis = target;
        deadUrl = "redis://127.0.0.1:" + RedisServer.freePort() + "/0";
    }

    @ParameterizedTest(name = "{0} source(s) stacked, the topmost wins")
    @ValueSource(ints = {1, 2, 3, 4})
    void theLaterSourceWins(int layers) throws Exception {
        String run = RedisTarget.uniqueNamespace("precedence");
        String[] namespaces = new String[SOURCES.length];
        for (int i = 0; i < SOURCES.length; i++) {
            namespaces[i] = run + "-" + SOURCES[i];
        }
        String[] urls = new String[layers];
        for (int i = 0; i < layers; i++) {
            urls[i] = i == layers - 1 ? redis.url() : deadUrl;
        }

        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", urls[0])
                .set("cache.namespace", namespaces[0]);
        if (layers >= 2) {
            jvm.environment("REDISCACHE_REDIS_URL", urls[1]).environment("REDISCACHE_CACHE_NAMESPACE", namespaces[1]);
        }
        if (layers >= 3) {
            jvm.jvmOption("-Drediscache.redis.url=" + urls[2]).jvmOption("-Drediscache.cache.namespace=" + namespaces[2]);
        }
        if (layers >= 4) {
            jvm.agentArguments(",redis.url=" + urls[3] + ",cache.namespace=" + namespaces[3]);
        }
        ForkedJvm.Result result = jvm.run(CachingApp.class, "price", "P-1").assertSucceeded();

        String winner = namespaces[layers - 1];
        URI live = URI.create(redis.url());
        assertEquals(1, lines(result.stderr(), " started: backend Redis redis://", live.getHost() + ":" + live.getPort() + "/",
                        "namespace '" + winner + "'"),
                SOURCES[layers - 1] + " wins for redis.url and cache.namespace:\n" + result.stderr());
        assertEquals(0, lines(result.stderr(), "Unknown"), "every source's keys are recognised:\n" + result.stderr());
        assertEquals(0, lines(result.stderr(), "[ERROR]"), result.stderr());
        assertEquals("1", result.get("price.runs"));
        for (int i = 0; i < SOURCES.length; i++) {
            List<String> keys = RedisKeys.inNamespace(redis.client(), namespaces[i]);
            assertEquals(i == layers - 1 ? 1 : 0, keys.size(), "keys under the namespace of " + SOURCES[i] + ": " + keys);
        }
    }
}
