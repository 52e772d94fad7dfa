package io.rediscache.it.invalidation;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @EvictCache} and {@code evict.method.*} entries, in a forked JVM with the real agent
 * against a real Redis: one entry or a whole cache evicted after a normal return, nothing when
 * the method throws, TTL and eviction together, and the set-after-delete race: a slow call that
 * read its data before an eviction must not store its result after it.
 */
@ExtendWith(RedisHarness.class)
class EvictionTest {

    private static ForkedJvm.Result run;
    private static RedisTarget redis;
    private static String namespace;

    @BeforeAll
    static void runEvictions(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("evict");
        run = ForkedJvm.withAgent()
                .set("redis.url", target.agentUrl(namespace))
                .set("cache.namespace", namespace)
                .set("evict.method.writer", "io.rediscache.it.invalidation.LegacyPriceWriter#write(java.lang.String,int)")
                .set("evict.method.writer.cache", "book")
                .set("evict.method.writer.key", "0")
                .run(EvictApp.class)
                .assertSucceeded();
    }

    @Test
    void anEntryEvictionRefreshesThatEntryOnly() {
        assertEquals("A@2,B@1,A@2", run.get("entry.values"), run.describe());
        assertEquals("3", run.get("entry.runs"), "A, B, then A again after its eviction; B still a hit");
    }

    @Test
    void aWholeCacheEvictionRefreshesEveryEntry() {
        assertEquals("A@5,B@5,A@5,B@5", run.get("whole.values"));
        assertEquals("5", run.get("whole.runs"));
    }

    @Test
    void nothingIsEvictedWhenTheMethodThrows() {
        assertEquals("update failed after writing", run.get("failing.thrown"), "the exception reaches the caller unchanged");
        assertEquals("A@5", run.get("failing.value"), "still the cached entry: the update threw, no eviction ran");
        assertEquals("5", run.get("failing.runs"));
    }

    @Test
    void anEvictEntryInThePropertiesFileEvictsAfterALegacyMethod() {
        assertEquals("B@7,A@5", run.get("legacy.values"));
        assertEquals("6", run.get("legacy.runs"), "B ran again after LegacyPriceWriter#write; A still a hit");
        assertTrue(run.stderr().contains("Instrumented io.rediscache.it.invalidation.LegacyPriceWriter: write evicts entries"
                + " of book by arguments 0."), run.stderr());
    }

    @Test
    void ttlAndEvictionWorkTogether() {
        assertEquals("H@2,H@2,H@3", run.get("hybrid.values"),
                "fresh after the eviction; a silent change shows only after the 1 s TTL: " + run.describe());
        assertEquals("3", run.get("hybrid.runs"));
    }

    @Test
    void aSlowCallThatReadBeforeAnEntryEvictionDoesNotStoreItsResultAfterIt() {
        assertEquals("R@5", run.get("race.entry.slowCall"), "the slow call returns what it read, to its own caller");
        assertEquals("R@2,R@2", run.get("race.entry.next"), "the next call computes again and then hits the new value");
    }

    @Test
    void aSlowCallThatReadBeforeAWholeCacheEvictionDoesNotStoreItsResultWhereItIsRead() {
        assertEquals("S@5", run.get("race.whole.slowCall"), "version 5 since importAll");
        assertEquals("S@3,S@3", run.get("race.whole.next"));
    }

    @Test
    void anEntryOfACacheThisJvmNeverLoadedClearsThatWholeCache() {
        assertTrue(run.stderr().contains("io.rediscache.it.invalidation.PriceBook#updateElsewhere(java.lang.String) clears"
                + " all of cache 'elsewhere' instead of one entry: no cached method of that cache with 1 key argument(s)"
                + " has been loaded in this JVM"), run.stderr());
        assertTrue(redis.client().exists(namespace + "|#generation|elsewhere"), "the cache got a new generation");
    }
}
