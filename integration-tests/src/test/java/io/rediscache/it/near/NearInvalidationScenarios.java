package io.rediscache.it.near;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rediscache.it.harness.ApplicationRedis;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import io.rediscache.it.topology.ConnectedRuns;
import io.rediscache.it.topology.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The near cache's invalidation across two JVMs on a Redis deployment other than one server (a
 * subclass says which), with {@link NearApp} as in {@link NearCacheTest}: B serves a value from
 * its near tier; an eviction, a {@code Cache.clear} and a store in A must each reach B's near
 * tier. On a cluster the announcing script runs on the key's primary and B's subscription may be
 * held by another primary: the announcement crosses the cluster bus. B's near tier being used at
 * all also shows that its heartbeats, published through the cluster client, come back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NearInvalidationScenarios {

    private static final int HITS = 500;

    private Deployment deployment;
    private PriceSource price;
    private final List<ForkedJvm.Result> runs = new ArrayList<>();
    private String nearLive;
    private String hitsLine;
    private String statisticsBeforeHits;
    private String statisticsAfterHits;
    private NearPropagation propagation;

    /** Starts the deployment. */
    protected abstract Deployment deploy();

    @BeforeAll
    void scenario() throws Exception {
        deployment = deploy();
        String namespace = RedisTarget.uniqueNamespace("topo-near");
        price = PriceSource.create("1");
        NearCommands a = new NearCommands(Files.createTempDirectory("near-a"));
        NearCommands b = new NearCommands(Files.createTempDirectory("near-b"));
        try (SteppedRun jvmA = SteppedRun.start(agent(namespace), NearApp.class, "A", a.dir.toString(), price.path.toString());
             SteppedRun jvmB = SteppedRun.start(agent(namespace), NearApp.class, "B", b.dir.toString(), price.path.toString())) {
            assertTrue(a.run(jvmA, "get x").startsWith("price=1 by=A"), "A computed and stored the value");
            nearLive = b.run(jvmB, "until-near x");
            statisticsBeforeHits = b.run(jvmB, "stats");
            hitsLine = b.run(jvmB, "hits x " + HITS);
            statisticsAfterHits = b.run(jvmB, "stats");

            propagation = NearPropagation.run(a, jvmA, b, jvmB, price, () -> {
                for (String key : ApplicationRedis.keys(deployment.client(), namespace + "|near-prices|*")) {
                    deployment.client().del(key);
                }
            });

            a.exit(jvmA);
            b.exit(jvmB);
            runs.add(jvmA.await().assertSucceeded());
            runs.add(jvmB.await().assertSucceeded());
        }
        System.out.printf(Locale.ROOT, "Near cache on %s: %d hits in B: %s; %s%n", getClass().getSimpleName(), HITS,
                hitsLine, propagation.summary());
    }

    @AfterAll
    void stop() throws Exception {
        if (deployment != null) {
            deployment.close();
        }
        if (price != null) {
            price.close();
        }
    }

    private ForkedJvm agent(String namespace) {
        return deployment.agent(namespace).timeoutSeconds(120);
    }

    @Test
    void bothJvmsConnectedAndNoPasswordWasPrinted() {
        assertEquals(2, runs.size());
        ConnectedRuns.assertConnectedQuietly(runs, deployment.secrets());
    }

    @Test
    void theOtherJvmServesTheValueFromItsNearTier() {
        assertTrue(nearLive.contains("nearHits=1 ") && nearLive.endsWith("first: price=1 by=A tags=[]"),
                "B read A's value from Redis, then got a near hit once its subscription was live: " + nearLive);
        assertTrue(hitsLine.startsWith("same price=1 by=A") && hitsLine.endsWith("bodyRuns=0"), hitsLine);
        long nearHits = Long.parseLong(SteppedRun.field(statisticsAfterHits, "nearHits"))
                - Long.parseLong(SteppedRun.field(statisticsBeforeHits, "nearHits"));
        assertEquals(HITS, nearHits, "every one of the calls was a near hit");
    }

    @Test
    void anEvictionInOneJvmReachesTheOthersNearTier() {
        propagation.assertEvictionReached();
    }

    @Test
    void aClearInOneJvmReachesTheOthersNearTier() {
        propagation.assertClearReached();
    }

    @Test
    void aStoreInOneJvmReachesTheOthersNearTier() {
        propagation.assertStoreReached();
    }
}
