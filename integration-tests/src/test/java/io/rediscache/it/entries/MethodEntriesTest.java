package io.rediscache.it.entries;

import java.nio.file.Path;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Methods listed in the agent's properties file ({@code cache.method.*}, {@code lock.method.*})
 * are cached and locked exactly as if annotated, in a forked JVM with the real agent jar: an
 * exact signature picks one overload, a pattern every method it matches, attributes set the
 * name, TTL, key arguments, lease and timeout behaviour, and a method of a third-party jar
 * (Apache Commons Text) is cached without recompiling anything. Mistakes are reported naming
 * the entry: a method that does not exist at once, a pattern that matched nothing after
 * {@code agent.unmatched.report.after}, a void method when it is matched.
 */
@ExtendWith(RedisHarness.class)
class MethodEntriesTest {

    private static final String PKG = "io.rediscache.it.entries.";

    private static ForkedJvm.Result run;
    private static String namespace;
    private static RedisTarget redis;

    @BeforeAll
    static void runWithEntries(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("entries");
        Path done = SteppedRun.newGoFile();
        ForkedJvm jvm = ForkedJvm.withAgent()
                .set("redis.url", target.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .set("agent.unmatched.report.after", "5s")
                .set("cache.method.prices", PKG + "LegacyPricing#price(java.lang.String, int)")
                .set("cache.method.prices.ttl", "7s")
                .set("cache.method.prices.key", "0")
                .set("cache.method.override", PKG + "LegacyPricing#annotated")
                .set("cache.method.override.ttl", "11s")
                .set("cache.method.finders", PKG + "*Catalog#find*")
                .set("cache.method.finders.name", "catalog")
                .set("cache.method.words", "org.apache.commons.text.WordUtils#capitalizeFully(java.lang.String)")
                .set("cache.method.typo", PKG + "LegacyPricing#prise(java.lang.String,int)")
                .set("cache.method.nothing", "com.example.nowhere.*Service#find*")
                .set("lock.method.sync", PKG + "LegacyInventory#sync(java.lang.String)")
                .set("lock.method.sync.name", "inventory_{0}")
                .set("lock.method.sync.lease", "4s")
                .set("lock.method.nightly", PKG + "LegacyInventory#nightly()")
                .set("lock.method.nightly.onTimeout", "skip");
        // the report comes 5 s after the agent started, on a background thread; on a loaded machine
        // that can be well after 5 s of the JVM's uptime, so the application waits until it is logged
        try (SteppedRun running = SteppedRun.start(jvm, EntriesApp.class, target.url(), namespace, done.toString())) {
            running.awaitStderr("cache.method.nothing=", 30);
            SteppedRun.signal(done);
            run = running.await().assertSucceeded();
        }
    }

    @Test
    void anExactSignatureCachesThatOverloadKeyedOnTheListedArguments() {
        assertEquals("true", run.get("price.sameSkuOtherQuantity"), "key=0: the quantity is not part of the key");
        assertEquals("false", run.get("price.otherSku"));
        assertEquals("2", run.get("price.runs"));
        assertEquals("2", run.get("priceOverload.runs"), "price(java.lang.String) is another overload, not listed");
        List<String> keys = redis.keys(namespace + "|prices|*");
        assertEquals(2, keys.size(), keys.toString());
        long ttl = redis.client().pttl(keys.get(0));
        assertTrue(ttl > 0 && ttl <= 7000, "cache.method.prices.ttl=7s: " + ttl);
        assertTrue(run.stderr().contains("Instrumented " + PKG + "LegacyPricing: cached price (cache 'prices')"), run.stderr());
    }

    @Test
    void anEntryOverridesTheAnnotationOfTheSameMethod() {
        assertEquals("true", run.get("annotated.equal"));
        assertEquals("1", run.get("annotated.runs"));
        assertEquals(List.of(), redis.keys(namespace + "|annotated|*"), "the annotation's cache name is not used");
        List<String> keys = redis.keys(namespace + "|override|*");
        assertEquals(1, keys.size(), "the entry's id names the cache");
        long ttl = redis.client().pttl(keys.get(0));
        assertTrue(ttl > 0 && ttl <= 11_000, "the entry's TTL, not the annotation's 300 s: " + ttl);
        assertTrue(run.stderr().contains("cache.method.override applies to " + PKG
                + "LegacyPricing#annotated(java.lang.String), which is also annotated @RedisCache; the entry's settings"
                + " are used."), run.stderr());
    }

    @Test
    void aPatternCachesEveryMatchingMethodWithABodyAndAResult() {
        assertEquals("true", run.get("findByColour.equal"));
        assertEquals("true", run.get("findCount.equal"));
        assertEquals("[1, 1, 2, 2]", run.get("catalog.runs"), "findByColour, findCount cached; findAndLog void; describe not matched");
        assertEquals(2, redis.keys(namespace + "|catalog|*").size());
        assertTrue(run.stderr().contains("cache.method.finders on " + PKG + "LegacyCatalog#findAndLog(java.lang.String) is"
                + " ignored: a void method has no result to cache."), run.stderr());
    }

    @Test
    void aMethodOfAThirdPartyJarIsCachedWithoutRecompilingIt() {
        assertEquals("Hello World", run.get("words.first"));
        assertEquals("1", run.get("words.keys"));
        assertEquals("true", run.get("words.storedHasText"));
        assertEquals("Jello World", run.get("words.second"), "the second call is served from Redis (altered there)");
        assertEquals("Good Bye", run.get("words.otherArgument"));
        assertTrue(run.stderr().contains("Instrumented org.apache.commons.text.WordUtils: cached capitalizeFully"
                + " (cache 'words')"), run.stderr());
    }

    @Test
    void aLockEntryLocksTheMethodUnderItsNameTemplateAndLease() {
        assertEquals("synced EU", run.get("sync.value"), run.describe());
        assertEquals("true", run.get("sync.inside.tokenPresent"), "{ns}|lock|{inventory_EU} is held during the body");
        long pttl = run.getLong("sync.inside.pttl");
        assertTrue(pttl > 2000 && pttl <= 4000, "lock.method.sync.lease=4s: " + pttl);
        assertTrue(run.getLong("sync.inside.fencingToken") > 0);
        assertEquals(-2, run.getLong("sync.pttlAfter"), "released on return");
        assertTrue(run.get("sync.busy").startsWith("io.rediscache.LockTimeoutException"), run.get("sync.busy"));
        assertEquals("1", run.get("sync.runs"), "the body did not run while the lock was held elsewhere");
    }

    @Test
    void aLockEntryWithOnTimeoutSkipSkipsTheCallWhenTheLockIsBusy() {
        assertEquals("42", run.get("nightly.value"));
        assertEquals("true", run.get("nightly.inside.tokenPresent"), "without a name the entry's id names the lock");
        long pttl = run.getLong("nightly.inside.pttl");
        assertTrue(pttl > 15_000 && pttl <= 30_000, "no lease attribute: lock.lease (30 s): " + pttl);
        assertEquals("0", run.get("nightly.busyValue"), "skipped: the int default");
        assertEquals("1", run.get("nightly.runs"));
    }

    @Test
    void aListedMethodThatDoesNotExistIsReportedWhenItsClassLoads() {
        assertTrue(run.stderr().contains("cache.method.typo=" + PKG + "LegacyPricing#prise(java.lang.String,int) does not"
                + " apply: class " + PKG + "LegacyPricing has no such method; it declares annotated(java.lang.String), count(java.lang.String),"
                + " price(java.lang.String), price(java.lang.String,int), runs(java.lang.String)."), run.stderr());
    }

    @Test
    void aPatternThatMatchedNothingIsReportedAfterTheConfiguredDelay() {
        assertTrue(run.stderr().contains("cache.method.nothing=com.example.nowhere.*Service#find* matched no method in the"
                + " classes loaded in the first 5000 ms"), run.stderr());
        for (String matched : List.of("cache.method.prices", "cache.method.override", "cache.method.finders",
                "cache.method.words", "cache.method.typo", "lock.method.sync", "lock.method.nightly")) {
            assertFalse(run.stderr().lines().anyMatch(line -> line.contains(matched + "=") && line.contains("matched no method")),
                    matched + " matched a method, or was reported otherwise: " + run.stderr());
        }
        assertFalse(run.stderr().contains("Unknown key"), run.stderr());
    }
}
