package io.rediscache.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.bridge.CachedValue;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.metrics.CacheStatistics;
import io.rediscache.agent.store.Tombstone;
import org.junit.jupiter.api.Test;

/**
 * {@code cache.write.async=true}: a miss returns before its result is written; the write keeps
 * its meaning (an eviction while it waits wins); the caller's own next call, and other callers
 * meanwhile, wait for the write instead of running the method again; a full queue drops the
 * write, counts it and still returns the result. Writes are held at the store's gate, so each
 * ordering is forced, not hoped for.
 */
class AsyncWriteTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final TestStore store = new TestStore();
    private final MethodRegistry<CachedMethod> registry = new MethodRegistry<>();
    private final int methodId = registry.register(new CachedMethod("Prices#price(java.lang.String)",
            "Prices#price(Ljava/lang/String;)Ljava/lang/String;", "test", "prices", 60_000, new int[] {0},
            new String[] {"parameter 1 'sku' (java.lang.String)"}, "java.lang.String", null, false));
    private final CacheStatistics statistics = new CacheStatistics();

    @Test
    void theCallerReturnsBeforeItsResultIsWrittenAndTheWriteLandsAfter() throws Exception {
        CacheEngine engine = engine(100);
        store.closeGate();
        PendingStore miss = (PendingStore) enter(engine, "sku-1");
        assertTimeout(BOUND, () -> assertEquals("computed", engine.exit(miss, "computed")),
                "the caller must not wait for the write");
        assertTrue(store.firstWriteStarted.await(10, TimeUnit.SECONDS), "an agent thread writes the result");
        assertNull(store.inner.get(miss.key), "held at the gate: nothing written yet");

        store.openGate();
        awaitWrites(1);
        assertNotNull(store.inner.get(miss.key));
        Object hit = enter(engine, "sku-1");
        assertInstanceOf(CachedValue.class, hit);
        assertEquals("computed", ((CachedValue) hit).value);
    }

    @Test
    void theCallersNextCallWaitsForItsOwnWriteInsteadOfRunningTheMethodAgain() {
        CacheEngine engine = engine(100);
        store.closeGate();
        Object miss = enter(engine, "sku-1");
        engine.exit(miss, "computed");
        new Thread(() -> {
            sleep(200);
            store.openGate();
        }).start();

        Object again = assertTimeout(BOUND, () -> enter(engine, "sku-1"));

        assertInstanceOf(CachedValue.class, again, "the same thread's next call follows its own flight");
        assertEquals("computed", ((CachedValue) again).value);
        assertEquals(1, store.writesDone.get());
    }

    @Test
    void anEvictionWhileTheWriteWaitsWins() throws Exception {
        CacheEngine engine = engine(100);
        store.closeGate();
        PendingStore miss = (PendingStore) enter(engine, "sku-1");
        engine.exit(miss, "computed from data the eviction replaced");
        assertTrue(store.firstWriteStarted.await(10, TimeUnit.SECONDS));
        store.evict(miss.key, 60_000); // as @EvictCache does, after the caller returned and before the write

        store.openGate();
        awaitWrites(1);

        assertTrue(Tombstone.is(store.inner.get(miss.key)), "the eviction's marker stays: the stale result is not stored");
        assertInstanceOf(PendingStore.class, enter(engine, "sku-1"), "the next call runs the method");
    }

    @Test
    void aFullQueueDropsTheWriteCountsItAndReturnsTheResult() throws Exception {
        CacheEngine engine = engine(1);
        store.closeGate();
        PendingStore first = (PendingStore) enter(engine, "sku-1");
        engine.exit(first, "one");
        assertTrue(store.firstWriteStarted.await(10, TimeUnit.SECONDS)); // the writer holds the first at the gate
        PendingStore second = (PendingStore) enter(engine, "sku-2");
        engine.exit(second, "two"); // queued: the queue holds one
        PendingStore third = (PendingStore) enter(engine, "sku-3");

        assertEquals("three", assertTimeout(BOUND, () -> engine.exit(third, "three")));
        assertEquals(1, statistics.getDroppedWrites());
        Object thirdAgain = assertTimeout(BOUND, () -> enter(engine, "sku-3"));
        assertInstanceOf(PendingStore.class, thirdAgain, "a dropped write ends its flight: a miss, no wait");

        store.openGate();
        awaitWrites(2);
        assertNotNull(store.inner.get(first.key));
        assertNotNull(store.inner.get(second.key));
        assertNull(store.inner.get(third.key));
    }

    private CacheEngine engine(int asyncQueue) {
        return new CacheEngine(registry, new MethodRegistry<EvictingMethod>(), store,
                new KryoCodec(ClassAllowList.jdkOnly()), 1 << 20, "test", 60_000, null, ValueSigner.none(),
                new StampedeOptions(true, 5_000, false, false, 1.0), asyncQueue, statistics);
    }

    private Object enter(CacheEngine engine, String sku) {
        return engine.enter(methodId, AsyncWriteTest.class, null, new Object[] {sku});
    }

    private void awaitWrites(int writes) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (store.writesDone.get() < writes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + store.writesDone.get() + " of " + writes + " writes done");
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
