package io.rediscache.it.near;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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
 * How long a change made in one JVM takes to leave another JVM's near tier, over many changes:
 * JVM B serves the old value from its near tier as fast as it can while JVM A changes it,
 * alternately by an eviction and by storing a new value (Redis having lost the entry behind the
 * agents' backs, so that only A's store announces it). Each event's delay runs from just before
 * A's call (an upper bound: the write is somewhere inside it) to the start of B's first call that
 * did not return the old value; the figures from the return of A's call are printed too. They
 * are printed on a line starting {@code NEAR PROPAGATION}; only a generous bound is asserted (the
 * goal is 100 ms, and this machine is shared: a young-GC pause of either JVM lands in the tail).
 */
class NearPropagationTest {

    private static final int EVENTS = 200;
    private static final long BOUND_MICROS = 1_000_000;

    private static RedisServer redis;
    private static Path source;
    private static final List<Long> delays = new ArrayList<>();
    private static final List<Long> evictionDelays = new ArrayList<>();
    private static final List<Long> storeDelays = new ArrayList<>();
    private static final List<String> wrong = new ArrayList<>();
    private static int servedNear;
    /** From the return of A's call instead: the write is done, what is left is the announcement's way to B. */
    private static final List<Long> afterCall = new ArrayList<>();

    @BeforeAll
    static void events() throws Exception {
        redis = RedisServer.start();
        source = Files.createTempFile("near-propagation", ".txt");
        price("v0");
        NearCommands a = new NearCommands(Files.createTempDirectory("propagation-a"));
        NearCommands b = new NearCommands(Files.createTempDirectory("propagation-b"));
        try (SteppedRun jvmA = SteppedRun.start(agent(), NearApp.class, "A", a.dir.toString(), source.toString());
             SteppedRun jvmB = SteppedRun.start(agent(), NearApp.class, "B", b.dir.toString(), source.toString());
             Jedis admin = new Jedis(redis.host(), redis.port())) {
            assertTrue(a.run(jvmA, "get x").startsWith("price=v0 by=A"), "A stored the first value");
            String live = b.run(jvmB, "until-near x");
            assertTrue(live.contains("nearHits=1 first: price=v0 by=A"), "B keeps A's value near: " + live);
            assertTrue(b.run(jvmB, "hits x 100000").startsWith("same price=v0 by=A"), "B is warm");
            for (int i = 1; i <= EVENTS; i++) {
                String old = "v" + (i - 1);
                String next = "v" + i;
                boolean evict = i % 2 == 1;
                price(next);
                if (!evict) {
                    for (String key : admin.keys("propagation|near-prices|*")) {
                        admin.del(key); // not announced: B's near value stays, until A's store is announced
                    }
                }
                int watch = b.start(jvmB, "watch-change x " + old);
                String change = a.run(jvmA, evict ? "timed-evict x" : "timed-get x");
                String seen = b.await(jvmB, watch);
                String expected = "price=" + next + " by=" + (evict ? "B" : "A");
                if (!seen.startsWith("seenMicros=") || !seen.contains(expected)) {
                    wrong.add("event " + i + " (" + (evict ? "eviction" : "store") + "): " + seen + "; expected "
                            + expected);
                    break; // the next events would start from a wrong state
                }
                long delay = number(seen, "seenMicros") - number(change, "atMicros");
                delays.add(delay);
                afterCall.add(delay - number(change, "tookMicros"));
                (evict ? evictionDelays : storeDelays).add(delay);
                if (number(seen, "oldCalls") == number(seen, "nearHits")) {
                    servedNear++;
                }
            }
            a.exit(jvmA);
            b.exit(jvmB);
            jvmA.await().assertSucceeded();
            jvmB.await().assertSucceeded();
        }
        if (!delays.isEmpty()) {
            System.out.printf(Locale.ROOT, "NEAR PROPAGATION from the start of A's call: %s (evictions %s, stores %s);"
                    + " from its return: %s; old value served from B's near tier until the change in %d of %d events%n",
                    figures(delays), figures(evictionDelays), figures(storeDelays), figures(afterCall), servedNear, EVENTS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (source != null) {
            Files.deleteIfExists(source);
        }
    }

    @Test
    void everyChangeReachedTheOtherJvmAsItsOwnValue() {
        assertEquals(List.of(), wrong);
        assertEquals(EVENTS, delays.size());
    }

    @Test
    void theOldValueWasServedFromTheNearTierUntilTheChange() {
        assertEquals(EVENTS, servedNear, "events in which every call that got the old value was a near hit");
    }

    @Test
    void everyChangeLeftTheOtherJvmsNearTierWithinTheBound() {
        long max = delays.stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(max < BOUND_MICROS, "slowest of " + delays.size() + " changes: " + max / 1000.0 + " ms");
    }

    /** {@code n=… p50=… p90=… p99=… max=… ms} of delays in microseconds. */
    private static String figures(List<Long> delays) {
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "n=0";
        }
        return String.format(Locale.ROOT, "n=%d p50=%.2f p90=%.2f p99=%.2f max=%.2f ms", sorted.size(),
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static ForkedJvm agent() {
        return ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", "propagation")
                .timeoutSeconds(180);
    }

    private static void price(String value) throws Exception {
        Path next = Files.createTempFile(source.getParent(), "near-propagation", ".tmp");
        Files.writeString(next, value);
        Files.move(next, source, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long number(String line, String name) {
        return Long.parseLong(SteppedRun.field(line, name));
    }
}
