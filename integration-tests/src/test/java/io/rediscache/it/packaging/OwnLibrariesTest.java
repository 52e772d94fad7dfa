package io.rediscache.it.packaging;

import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application that carries its own, different versions of every library the agent shades
 * (Jedis 5.1 vs the agent's 8, SLF4J 1.7 + slf4j-simple vs 2, Byte Buddy 1.14 vs 1.18, Kryo
 * 5.5 vs 5.6) runs with the real agent jar attached: each of its libraries works, each of its
 * classes comes from its own jar, none of the agent's versions leaks into it, and the agent's
 * caching works beside them.
 */
@ExtendWith(RedisHarness.class)
class OwnLibrariesTest {

    private static ForkedJvm.Result run;
    private static RedisTarget redis;
    private static String namespace;

    @BeforeAll
    static void runApplication(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("own-libraries");
        run = ForkedJvm.withAgent()
                .set("redis.url", target.url())
                .set("cache.namespace", namespace)
                .run(OwnLibrariesApp.class, target.url(), namespace)
                .assertSucceeded();
    }

    /**
     * The agent's own classes come from a loader of the agent jar alone (not the system class
     * loader, which would look for each of them along the whole application class path first)
     * that sees nothing of the application's class path.
     */
    @Test
    void theAgentsClassesHaveALoaderOfTheirOwn() {
        assertEquals("false", run.get("agent.loaderIsSystem"), run.describe());
        assertEquals("true", run.get("agent.loaderParentIsSystemsParent"), run.describe());
        assertEquals("false", run.get("agent.loaderSeesApplication"), run.describe());
    }

    @Test
    void theApplicationsJedis5TalksToRedis() {
        assertEquals("set by the application's Jedis", run.get("jedis.value"), run.describe());
        assertEquals("set by the application's Jedis", redis.client().get(namespace + ":own-jedis"));
        assertEquals("5.1.0", run.get("jedis.version"), "Jedis reads its version from redis/clients/jedis/pom.properties");
        assertFromJar("jedis.location", "jedis-5.1.0");
        assertEquals("false", run.get("jedis.seesJedis8RedisClient"), "a Jedis 8 class leaked into the application");
    }

    @Test
    void theApplicationsSlf4j17LogsThroughItsOwnBinding() {
        assertEquals("org.slf4j.impl.SimpleLoggerFactory", run.get("slf4j.factory"));
        assertFromJar("slf4j.binder", "slf4j-simple-1.7.36");
        assertFromJar("slf4j.location", "slf4j-api-1.7.36");
        assertTrue(run.get("slf4j.requestedApi").startsWith("1.6"), "a 1.7 binding requests API 1.6.99");
        assertEquals("false", run.get("slf4j.seesSlf4j2ServiceProvider"), "an SLF4J 2 class leaked into the application");
        assertEquals("null", run.get("slf4j.simpleLoggerProperty"), "the agent's logger settings leaked into System properties");
        // slf4j-simple's default format: thread in brackets, level without brackets, no date.
        assertTrue(run.stderr().lines().anyMatch(line ->
                        line.equals("[main] INFO io.rediscache.it.packaging.OwnLibrariesApp - the application's own SLF4J 1.7 logs this line")),
                run.stderr());
        List<String> slf4jComplaints = run.stderr().lines().filter(line -> line.startsWith("SLF4J:")).toList();
        assertTrue(slf4jComplaints.isEmpty(), "SLF4J found more than one binding or none: " + slf4jComplaints);
    }

    @Test
    void theApplicationsByteBuddyAndKryoWork() {
        assertEquals("io.rediscache.it.packaging.GeneratedByOwnByteBuddy", run.get("bytebuddy.generated"));
        assertFromJar("bytebuddy.location", "byte-buddy-1.14.18");
        assertEquals("round trip through the application's Kryo", run.get("kryo.value"));
        assertFromJar("kryo.location", "kryo-5.5.0");
    }

    @Test
    void theAgentCachesBesideThem() {
        assertEquals("hello world", run.get("cache.first"));
        assertEquals("hello world", run.get("cache.second"));
        assertEquals("1", run.get("cache.runs"), "one miss, then a hit: " + run.describe());
        assertEquals(1, countKeys(namespace + "|greetings|*"), "the entry is in Redis, not in an in-process store");
        assertTrue(run.stderr().contains("Instrumented io.rediscache.it.packaging.GreetingService: cached greet (cache 'greetings')"),
                run.stderr());
    }

    @Test
    void noAgentLogLineIsAWarningOrError() {
        List<String> problems = run.stderr().lines()
                .filter(line -> line.contains("[WARN]") || line.contains("[ERROR]") || line.contains("Exception"))
                .toList();
        assertTrue(problems.isEmpty(), "the agent or a library complained: " + problems);
    }

    private static int countKeys(String pattern) {
        return redis.keys(pattern).size();
    }

    private static void assertFromJar(String result, String jarName) {
        String location = run.get(result);
        assertTrue(location.contains(jarName), result + " is " + location + ", expected the application's " + jarName);
        assertFalse(location.contains("redis-cache-agent"), result + " comes from the agent jar: " + location);
    }
}
