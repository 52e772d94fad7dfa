package io.rediscache.it.topology;

import java.util.ArrayList;
import java.util.List;

import io.rediscache.it.api.CacheApiApp;
import io.rediscache.it.app.CachingApp;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.invalidation.EvictApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functional suite on a Redis deployment other than one server (a subclass starts it and
 * says how the agent is pointed at it): the same forked-JVM applications as the one-server
 * tests, with the real agent jar, and the same expected results. Each run also shows that the
 * agent connected, never found Redis failing, and never printed the deployment's passwords.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FunctionalScenarios {

    private final List<ForkedJvm.Result> runs = new ArrayList<>();
    private ForkedJvm.Result basic;
    private ForkedJvm.Result apiWriter;
    private ForkedJvm.Result apiReader;
    private ForkedJvm.Result evictions;

    /** Starts the deployment. */
    protected abstract void start();

    /** Points the agent of {@code jvm} at the deployment (nodes, credentials). */
    protected abstract ForkedJvm pointAt(ForkedJvm jvm);

    /** Passwords that must not appear in any output. */
    protected abstract List<String> secrets();

    protected abstract void stop();

    @BeforeAll
    void runTheApplications() throws Exception {
        start();
        String namespace = RedisTarget.uniqueNamespace("topo");
        basic = record(agent(namespace).run(CachingApp.class, "basic"));
        apiWriter = record(agent(namespace).run(CacheApiApp.class, "write"));
        apiReader = record(agent(namespace).run(CacheApiApp.class, "read"));
        evictions = record(agent(RedisTarget.uniqueNamespace("topo-evict"))
                .set("evict.method.writer", "io.rediscache.it.invalidation.LegacyPriceWriter#write(java.lang.String,int)")
                .set("evict.method.writer.cache", "book")
                .set("evict.method.writer.key", "0")
                .run(EvictApp.class));
    }

    private ForkedJvm agent(String namespace) {
        return pointAt(ForkedJvm.withAgent()).set("cache.namespace", namespace);
    }

    private ForkedJvm.Result record(ForkedJvm.Result result) {
        runs.add(result);
        return result.assertSucceeded();
    }

    @AfterAll
    void stopTheDeployment() {
        stop();
    }

    @Test
    void everyAgentConnectedAndNeverFoundRedisFailing() {
        ConnectedRuns.assertConnectedQuietly(runs, secrets());
        for (ForkedJvm.Result run : runs) {
            assertFalse(run.stderr().contains("unreachable or failing"), run.describe());
            // the agent's own warnings here are about the test application's odd methods; the Redis
            // client's (e.g. its RESP3 notice when talking to Sentinels) must never reach the log
            assertFalse(run.stderr().contains("[WARN] Jedis"), run.describe());
        }
    }

    @Test
    void cachedMethodsHitMissAndExpire() {
        assertEquals("1", basic.get("price.runs"), basic.describe());
        assertEquals("true", basic.get("price.equal"));
        assertEquals("2", basic.get("price.runsAfterOtherSku"));
        assertEquals("1", basic.get("square.runs"));
        assertEquals("null,null", basic.get("missing.values"));
        assertEquals("1", basic.get("missing.runs"));
        assertEquals("2", basic.get("failing.runs"));
        assertEquals("2", basic.get("short.runs"), "one miss, one hit, one miss after the 1 s TTL");
    }

    @Test
    void cacheClearEmptiesThatCacheOnly() {
        assertEquals("2,0", basic.get("clear.runs"), basic.describe());
    }

    @Test
    void cacheApiGetSetDeleteAcrossJvms() {
        assertEquals("1.0825", apiWriter.get("get"), apiWriter.describe());
        assertEquals("null", apiWriter.get("getMissing"));
        assertEquals("null,null", apiWriter.get("getNull"));
        assertEquals("1", apiWriter.get("singleFlight"));
        assertEquals("s", apiWriter.get("ttl.before"));
        assertEquals("null", apiWriter.get("ttl.after"));
        assertEquals("2,null,null", apiWriter.get("delete"));
        assertEquals("compact,null,null", apiWriter.get("perUser"));
        assertEquals("1.0825", apiReader.get("read.get"), apiReader.describe());
        assertEquals("compact", apiReader.get("read.perUser"));
        assertEquals("report-body", apiReader.get("read.report"));
    }

    @Test
    void deleteKeysReachesEveryPrimary() {
        assertEquals("50,null,kept", apiWriter.get("deleteKeys"), "50 keys spread over the slots, all deleted");
    }

    @Test
    void hashOperations() {
        assertEquals("true,null", apiWriter.get("hget"), apiWriter.describe());
        assertEquals("{email_enabled=true, max_retries=3, sms_enabled=false}", apiWriter.get("hgetAll"));
        assertEquals("true,false", apiWriter.get("hexists"));
        assertEquals("1,false", apiWriter.get("hdel"));
        assertEquals("[read, write] loads=1", apiWriter.get("hgetLoader"));
        assertEquals("3", apiReader.get("read.hget"));
    }

    @Test
    void evictCacheEvictsAnEntryOrTheWholeCache() {
        assertEquals("A@2,B@1,A@2", evictions.get("entry.values"), evictions.describe());
        assertEquals("3", evictions.get("entry.runs"));
        assertEquals("A@5,B@5,A@5,B@5", evictions.get("whole.values"));
        assertEquals("5", evictions.get("whole.runs"));
        assertEquals("B@7,A@5", evictions.get("legacy.values"));
        assertEquals("6", evictions.get("legacy.runs"));
        assertEquals("H@2,H@2,H@3", evictions.get("hybrid.values"));
    }
}
