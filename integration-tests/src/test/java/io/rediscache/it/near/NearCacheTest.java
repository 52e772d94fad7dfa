package io.rediscache.it.near;

import java.nio.file.Files;
import java.util.Locale;

import io.rediscache.it.harness.FaultProxy;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache across two JVMs with the real agent and their own Redis: JVM A talks to Redis
 * directly, JVM B through a {@link FaultProxy}. One scenario, step by step; each test checks one
 * claim of it. The value's data is a file both JVMs read, so a stale near entry shows as the old
 * price, and the value names the JVM that computed it.
 */
class NearCacheTest {

    private static final int HITS = 2000;

    private static RedisServer redis;
    private static FaultProxy proxy;
    private static PriceSource price;
    private static String hitsLine;
    private static String nearLive;
    private static String statisticsBeforeHits;
    private static String statisticsAfterHits;
    private static long redisReadsDuringHits;
    private static String mutateLine;
    private static NearPropagation propagation;
    private static String outage;

    @BeforeAll
    static void scenario() throws Exception {
        redis = RedisServer.start();
        proxy = FaultProxy.to(redis);
        price = PriceSource.create("1");
        NearCommands a = new NearCommands(Files.createTempDirectory("near-a"));
        NearCommands b = new NearCommands(Files.createTempDirectory("near-b"));
        try (SteppedRun jvmA = SteppedRun.start(agent(redis.url()), NearApp.class, "A", a.dir.toString(), price.path.toString());
             SteppedRun jvmB = SteppedRun.start(agent(proxy.url()), NearApp.class, "B", b.dir.toString(), price.path.toString());
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            assertTrue(a.run(jvmA, "get x").startsWith("price=1 by=A"), "A computed and stored the value");
            nearLive = b.run(jvmB, "until-near x");
            assertTrue(nearLive.endsWith("first: price=1 by=A tags=[]"), "B read A's value from Redis: " + nearLive);

            statisticsBeforeHits = b.run(jvmB, "stats");
            long reads = redisReads(admin);
            hitsLine = b.run(jvmB, "hits x " + HITS);
            redisReadsDuringHits = redisReads(admin) - reads;
            statisticsAfterHits = b.run(jvmB, "stats");
            mutateLine = b.run(jvmB, "mutate x");

            propagation = NearPropagation.run(a, jvmA, b, jvmB, price, () -> {
                for (String key : admin.keys("near|near-prices|*")) {
                    admin.del(key);
                }
            });

            // B cut off silently (packets swallowed, nothing closed); A updates meanwhile
            proxy.blackhole();
            Thread.sleep(1000);
            price.set("5");
            a.run(jvmA, "evict x");
            a.run(jvmA, "get x");
            int watch = b.start(jvmB, "watch x 5 A 4");
            Thread.sleep(1500);
            proxy.pass();
            outage = b.await(jvmB, watch);

            a.exit(jvmA);
            b.exit(jvmB);
            jvmA.await().assertSucceeded();
            jvmB.await().assertSucceeded();
        }
        System.out.printf(Locale.ROOT, "Near cache: %d hits in B: %s, Redis reads meanwhile %d; %s%n", HITS, hitsLine,
                redisReadsDuringHits, propagation.summary());
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (price != null) {
            price.close();
        }
    }

    @Test
    void nearHitsSendNothingToRedis() {
        assertTrue(hitsLine.startsWith("same price=1 by=A") && hitsLine.endsWith("bodyRuns=0"), hitsLine);
        assertEquals(0, redisReadsDuringHits, "GET/EVAL/EVALSHA calls during " + HITS + " near hits");
    }

    @Test
    void aHitFromRedisIsAHitButNotANearHit() {
        // B's first call read Redis (nothing was kept yet), and so does every call until the subscription is live
        long calls = Long.parseLong(SteppedRun.field(nearLive, "calls"));
        assertTrue(calls >= 2, nearLive);
        assertTrue(nearLive.startsWith("calls=" + calls + " hits=" + calls + " nearHits=1 "), nearLive);
    }

    @Test
    void nearHitsAreCountedAsHitsAndAsNearHits() {
        long hits = Long.parseLong(SteppedRun.field(statisticsAfterHits, "hits"))
                - Long.parseLong(SteppedRun.field(statisticsBeforeHits, "hits"));
        long nearHits = Long.parseLong(SteppedRun.field(statisticsAfterHits, "nearHits"))
                - Long.parseLong(SteppedRun.field(statisticsBeforeHits, "nearHits"));
        assertEquals(HITS + " hits, " + HITS + " near hits", hits + " hits, " + nearHits + " near hits");
    }

    @Test
    void eachHitIsTheCallersOwnCopy() {
        assertEquals("mine=[mutated] next=[] distinct=true", mutateLine);
    }

    @Test
    void anEvictionInOneJvmReachesTheOthersNearCacheAtOnce() {
        propagation.assertEvictionReached();
    }

    @Test
    void aClearInOneJvmReachesTheOthersNearCacheAtOnce() {
        propagation.assertClearReached();
    }

    @Test
    void aStoreInOneJvmReachesTheOthersNearCacheAtOnce() {
        propagation.assertStoreReached();
    }

    @Test
    void aJvmCutOffFromRedisNeverServesAValueChangedMeanwhile() {
        assertTrue(outage.startsWith("seen=") && outage.contains("price=5 by=A"), outage);
        assertTrue(outage.endsWith("stale=null"), "B served the value from before the update: " + outage);
    }

    private static ForkedJvm agent(String url) {
        return ForkedJvm.withAgent().set("redis.url", url).set("cache.namespace", "near").timeoutSeconds(120);
    }

    /** GETs and scripts (a near miss reads by script, with the TTL) Redis has run so far. */
    private static long redisReads(Jedis admin) {
        long total = 0;
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_get:") || line.startsWith("cmdstat_eval:") || line.startsWith("cmdstat_evalsha:")) {
                total += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1")); // not failed_calls=, also there
            }
        }
        return total;
    }
}
