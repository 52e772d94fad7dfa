package io.rediscache.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.rediscache.agent.bridge.CachedValue;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.metrics.CacheStatistics;
import org.junit.jupiter.api.Test;

/**
 * How many lookups a miss costs with single flight on: one, unless a flight of the same key
 * ended between the caller's lookup and its registration, in which case the caller looks up
 * again and gets that flight's value instead of running the method a second time. The store
 * counts the lookups and, for the race, lets a whole other call (lookup, body, store) run
 * inside the first caller's lookup, after the store was read and before the reply returns,
 * which is exactly the window a Redis round trip leaves open.
 */
class SingleFlightLookupTest {

    private static final String KEY_ARGUMENT = "sku-1";

    private final TestStore store = new TestStore();
    private final MethodRegistry<CachedMethod> registry = new MethodRegistry<>();
    private final int methodId = registry.register(new CachedMethod("Prices#price(java.lang.String)",
            "Prices#price(Ljava/lang/String;)Ljava/lang/String;", "test", "prices", 60_000, new int[] {0},
            new String[] {"parameter 1 'sku' (java.lang.String)"}, "java.lang.String", null, false));
    private final CacheEngine engine = new CacheEngine(registry, new MethodRegistry<EvictingMethod>(), store,
            new KryoCodec(ClassAllowList.jdkOnly()), 1 << 20, "test", 60_000, null, ValueSigner.none(),
            new StampedeOptions(true, 5_000, false, false, 1.0), 0, new CacheStatistics());

    @Test
    void aMissLooksTheKeyUpOnceAndAHitFollows() {
        Object miss = enter();
        assertInstanceOf(PendingStore.class, miss);
        assertEquals(1, store.gets.get(), "a miss with no flight ending meanwhile reads the store once");
        assertEquals("computed", engine.exit(miss, "computed"));

        Object hit = enter();
        assertInstanceOf(CachedValue.class, hit);
        assertEquals("computed", ((CachedValue) hit).value);
        assertEquals(2, store.gets.get());
    }

    @Test
    void aFlightThatEndsDuringTheLookupIsSeenWithoutRunningTheMethodAgain() {
        store.duringNextGet = () -> {
            Thread other = new Thread(() -> {
                Object call = enter();
                assertInstanceOf(PendingStore.class, call);
                engine.exit(call, "from the other flight");
            });
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        Object late = enter(); // its lookup missed; the other call stored meanwhile and its flight ended

        assertInstanceOf(CachedValue.class, late, "the caller must not run the method whose value is stored");
        assertEquals("from the other flight", ((CachedValue) late).value);
        assertEquals(3, store.gets.get(), "the late caller's lookup, the other call's, and the late caller's second");
    }

    private Object enter() {
        return engine.enter(methodId, SingleFlightLookupTest.class, null, new Object[] {KEY_ARGUMENT});
    }
}
