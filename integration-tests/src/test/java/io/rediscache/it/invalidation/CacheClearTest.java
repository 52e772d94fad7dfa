package io.rediscache.it.invalidation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

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
 * more entries to each, a second JVM clears "prices" while {@code redis-cli --latency} times
 * another client's commands and Redis's SLOWLOG records every command of 10 ms or more, and the first JVM then finds "prices" empty and "stock" whole. The clear
 * never uses {@code KEYS}; its old entries are swept with {@code SCAN} and {@code UNLINK}.
 */
@ExtendWith(RedisHarness.class)
class CacheClearTest {

    private static final int BULK = Integer.getInteger("it.clear.entries", 100_000);

    private static RedisTarget redis;
    private static String namespace;
    private static ForkedJvm.Result reader;
    private static ForkedJvm.Result clearer;
    private static LatencyProbe.Figures probe;
    private static long sweepMillis;
    private static long keysCallsDuring;
    private static long unlinkCallsDuring;
    private static List<String> slowCommands;

    @BeforeAll
    static void fillClearAndReadAgain(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("clear");
        Path go = SteppedRun.newGoFile();
        try (SteppedRun reading = SteppedRun.start(agent(), ClearApp.class, "reader", go.toString())) {
            reading.awaitLine("FILLED", 60);
            bulkFill("prices");
            bulkFill("stock");
            slowlog(admin -> {
                admin.configSet("slowlog-log-slower-than", "10000"); // µs: every command of 10 ms or more
                admin.slowlogReset();
                return null;
            });
            long keysBefore = commandCalls("keys");
            long unlinkBefore = commandCalls("unlink");
            Path clearerGo = SteppedRun.newGoFile();
            URI address = URI.create(target.url());
            try (LatencyProbe running = LatencyProbe.start(address.getHost(), address.getPort());
                 SteppedRun clearing = SteppedRun.start(agent(), ClearApp.class, "clearer", clearerGo.toString())) {
                clearing.awaitLine("CLEARED", 60);
                String swept = clearing.awaitStderr("old entries of cache 'prices' in ", 180);
                sweepMillis = Long.parseLong(swept.replaceAll(".* in (\\d+) ms.*", "$1"));
                probe = running.stop();
                SteppedRun.signal(clearerGo);
                clearer = clearing.await().assertSucceeded();
            }
            keysCallsDuring = commandCalls("keys") - keysBefore;
            slowCommands = slowlog(admin -> admin.slowlogGet(128).stream()
                    .map(entry -> entry.getExecutionTime() / 1000 + " ms " + entry.getArgs().get(0)).toList());
            unlinkCallsDuring = commandCalls("unlink") - unlinkBefore;
            SteppedRun.signal(go);
            reader = reading.await().assertSucceeded();
        }
        System.out.printf(Locale.ROOT, "Cache.clear of %,d entries: first call in its JVM %s us, a second clear %s us; old entries swept within %d ms; another client"
                        + " meanwhile: %s; Redis commands of 10 ms or more meanwhile: %s%n",
                BULK + ClearApp.ENTRIES, clearer.get("clear.micros"), clearer.get("clear.again.micros"), sweepMillis, probe,
                slowCommands);
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
        assertEquals(0, oldPriceKeys(), "the sweep left no entry of an old generation");
        assertEquals(0, keysCallsDuring, "KEYS blocks Redis; the clear must not use it");
        assertTrue(unlinkCallsDuring >= BULK / 500 / 2, "swept with UNLINK in steps: " + unlinkCallsDuring + " calls");
        assertTrue(probe.pings() > 0 && probe.failures().isEmpty(), "the probe ran: " + probe);
    }

    @Test
    void noRedisCommandHeldTheServerLong() {
        // a generous bound: on this shared 2-core machine a step of a few hundred keys can be
        // descheduled for tens of ms; a KEYS or one UNLINK of the whole cache would take far longer
        assertTrue(slowCommands.stream().noneMatch(entry -> Long.parseLong(entry.split(" ")[0]) >= 250),
                "SLOWLOG during the clear and sweep: " + slowCommands);
    }

    @Test
    void aNameThatCannotBeACacheIsRefused() {
        assertEquals("java.lang.IllegalArgumentException: 'a|b' is not a cache name (non-empty, without '|')",
                clearer.get("clear.badName"));
    }

    private static ForkedJvm agent() {
        return ForkedJvm.withAgent().set("redis.url", redis.agentUrl(namespace)).set("cache.namespace", namespace).timeoutSeconds(180);
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

    private static long oldPriceKeys() {
        return redis.keys(namespace + "|prices|*").stream().filter(key -> !key.startsWith(namespace + "|prices|g")).count();
    }

    private static <T> T slowlog(java.util.function.Function<Jedis, T> call) {
        try (Jedis jedis = new Jedis(URI.create(redis.url()))) {
            return call.apply(jedis);
        }
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
