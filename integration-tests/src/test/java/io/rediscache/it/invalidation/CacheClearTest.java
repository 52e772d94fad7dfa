package io.rediscache.it.invalidation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Cache.clear("prices")} with many entries, across JVMs, against a real Redis: one JVM
 * fills caches "prices" and "stock", the test adds {@code it.clear.entries} (default 100,000)
 * more entries to each, a second JVM clears "prices" while a probe times {@code GET}s from
 * another client, and the first JVM then finds "prices" empty and "stock" whole. The clear
 * never uses {@code KEYS}; its old entries are swept with {@code SCAN} and {@code UNLINK}.
 */
@ExtendWith(RedisHarness.class)
class CacheClearTest {

    private static final int BULK = Integer.getInteger("it.clear.entries", 100_000);

    private static RedisTarget redis;
    private static String namespace;
    private static ForkedJvm.Result reader;
    private static ForkedJvm.Result clearer;
    private static GetProbe.Figures probe;
    private static long sweepMillis;
    private static long keysCallsDuring;
    private static long unlinkCallsDuring;

    @BeforeAll
    static void fillClearAndReadAgain(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("clear");
        Path go = SteppedRun.newGoFile();
        try (SteppedRun reading = SteppedRun.start(agent(), ClearApp.class, "reader", go.toString())) {
            reading.awaitLine("FILLED", 60);
            bulkFill("prices");
            bulkFill("stock");
            long keysBefore = commandCalls("keys");
            long unlinkBefore = commandCalls("unlink");
            Path clearerGo = SteppedRun.newGoFile();
            try (GetProbe running = GetProbe.start(target.url(), stockKey());
                 SteppedRun clearing = SteppedRun.start(agent(), ClearApp.class, "clearer", clearerGo.toString())) {
                clearing.awaitLine("CLEARED", 60);
                long sweepStart = System.nanoTime();
                while (oldPriceKeys() > 0) {
                    assertTrue(System.nanoTime() - sweepStart < TimeUnit.SECONDS.toNanos(120), "the sweep did not end");
                    Thread.sleep(100);
                }
                sweepMillis = (System.nanoTime() - sweepStart) / 1_000_000;
                probe = running.stop();
                SteppedRun.signal(clearerGo);
                clearer = clearing.await().assertSucceeded();
            }
            keysCallsDuring = commandCalls("keys") - keysBefore;
            unlinkCallsDuring = commandCalls("unlink") - unlinkBefore;
            SteppedRun.signal(go);
            reader = reading.await().assertSucceeded();
        }
        System.out.printf(Locale.ROOT, "Cache.clear of %,d entries: first call in its JVM %s us, a second clear %s us; old entries swept within %d ms; GETs of another"
                        + " client meanwhile: %s%n", BULK + ClearApp.ENTRIES, clearer.get("clear.micros"), clearer.get("clear.again.micros"), sweepMillis, probe);
    }

    @Test
    void theClearedCacheMissesInAnotherJvm() {
        assertEquals("100,100", reader.get("runs.filled"), "both caches were filled and hit before the clear");
        assertEquals("200,100", reader.get("runs.afterClear"), "every price ran again, no stock did: " + reader.describe());
    }

    @Test
    void theOtherCacheOfTheNamespaceKeepsEveryEntry() {
        assertEquals(BULK + ClearApp.ENTRIES, redis.keys(namespace + "|stock|*").size());
    }

    @Test
    void theOldEntriesAreGoneFromRedisAndTheNewOnesCarryTheNewGeneration() {
        List<String> prices = redis.keys(namespace + "|prices|*");
        assertEquals(ClearApp.ENTRIES, prices.size(), "only the entries written after the clear");
        String generation = prices.get(0).split("\\|")[2];
        assertTrue(generation.matches("g\\d+"), prices.get(0));
        assertTrue(prices.stream().allMatch(key -> key.matches("\\Q" + namespace + "|prices|" + generation + "|\\E[0-9a-f]{32}")),
                prices.toString());
        assertTrue(redis.client().exists(namespace + "|#generation|prices"));
        assertTrue(redis.client().pttl(namespace + "|#generation|prices") > 0, "the generation key has a TTL");
    }

    @Test
    void theClearNeverUsesKeysAndSweepsWithUnlink() {
        assertEquals(0, keysCallsDuring, "KEYS blocks Redis; the clear must not use it");
        assertTrue(unlinkCallsDuring >= BULK / 1000 / 2, "swept with UNLINK in steps: " + unlinkCallsDuring + " calls");
        assertTrue(probe.gets() > 0, "the probe ran: " + probe);
    }

    @Test
    void aNameThatCannotBeACacheIsRefused() {
        assertEquals("java.lang.IllegalArgumentException: 'a|b' is not a cache name (non-empty, without '|')",
                clearer.get("clear.badName"));
    }

    private static ForkedJvm agent() {
        return ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", namespace).timeoutSeconds(180);
    }

    /** Entries indistinguishable from the agent's own: generation 0 keys of the cache, with a TTL. */
    private static void bulkFill(String cache) {
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'v');
        JedisPooled client = redis.client();
        try (Pipeline pipeline = client.pipelined()) {
            for (int i = 0; i < BULK; i++) {
                String hash = String.format(Locale.ROOT, "%016x%016x", ThreadLocalRandom.current().nextLong(), (long) i);
                pipeline.set((namespace + "|" + cache + "|" + hash).getBytes(StandardCharsets.UTF_8), value,
                        SetParams.setParams().px(600_000));
                if (i % 10_000 == 9_999) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
        }
    }

    private static String stockKey() {
        return redis.keys(namespace + "|stock|*").get(0);
    }

    private static long oldPriceKeys() {
        return redis.keys(namespace + "|prices|*").stream().filter(key -> !key.startsWith(namespace + "|prices|g")).count();
    }

    private static long commandCalls(String command) {
        try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":")) {
                    return Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
                }
            }
            return 0;
        }
    }
}
