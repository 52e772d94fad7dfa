package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.example.canary.Canary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writable Redis is an attack surface: stored bytes are untrusted. Forked agent JVMs at
 * {@code -Xmx256m} with {@code -XX:+ExitOnOutOfMemoryError} (any {@code OutOfMemoryError},
 * even one the agent would catch, ends the JVM and fails the test) store real entries; the
 * test overwrites them, under their real keys, with:
 * <ul>
 *   <li>{@link CraftedValues} (more than 500): gadget stand-ins outside the allow-list
 *       ({@link Canary} and an enum, whose static initializers would leave a mark), refused and
 *       made-up class names, every truncation of three real values, lengths of 2^31 - 8 for
 *       every array, string, collection and map kind, 100,000-deep nesting, broken envelopes.
 *       That JVM logs every exception thrown inside it ({@code -Xlog:exceptions}): not one
 *       {@code OutOfMemoryError} or {@code StackOverflowError}, caught or not;</li>
 *   <li>random byte strings ({@value #RANDOM_DEFAULT} by default, {@code -Dit.poison.random=1000000}
 *       for a million), 0 to 200 bytes, half of them starting with the agent's envelope header
 *       so that Kryo reads the rest, in rounds of at most {@value #ROUND} keys. A few random
 *       strings are well-formed values by chance (3 bytes {@code 2, 0, 0} are Kryo's
 *       {@code null}); an independent decoder (plain Kryo, only its built-in types) finds them,
 *       and exactly those must be hits, with exactly their value; every other one a miss.</li>
 * </ul>
 * Every bad value is a miss that runs the method and returns its own correct result, nothing is
 * thrown, the canaries are never initialised.
 */
@ExtendWith(RedisHarness.class)
class PoisonedValuesTest {

    private static final int RANDOM_DEFAULT = 100_000;
    private static final int ROUND = 100_000;
    private static final int CRAFTED_KEYS = 1500;

    private static int craftedCount;
    private static ForkedJvm.Result crafted;
    private static Path exceptionLog;
    private static ForkedJvm.Result random;
    private static int randomCount;
    private static final List<String> roundFailures = new ArrayList<>();
    private static int wellFormedByChance;

    @BeforeAll
    static void poison(RedisTarget redis) throws Exception {
        poisonWithCraftedValues(redis);
        poisonWithRandomBytes(redis);
    }

    private static ForkedJvm jvm(RedisTarget redis, String namespace) {
        return ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", namespace)
                .jvmOption("-Xmx256m").jvmOption("-XX:+ExitOnOutOfMemoryError").timeoutSeconds(900);
    }

    private static void poisonWithCraftedValues(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("poison");
        Path go = SteppedRun.newGoFile();
        exceptionLog = Files.createTempDirectory("poison").resolve("exceptions.log");
        ForkedJvm jvm = jvm(redis, namespace).jvmOption("-Xlog:exceptions=info:file=" + exceptionLog);
        try (SteppedRun app = SteppedRun.start(jvm, PoisonApp.class, "report", Integer.toString(CRAFTED_KEYS), go.toString())) {
            app.awaitLine("STORED", 120);
            List<String> keys = redis.keys(namespace + "|poison-report|*");
            assertEquals(CRAFTED_KEYS, keys.size());
            List<byte[]> real = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                real.add(redis.client().get(keys.get(i).getBytes(StandardCharsets.UTF_8)));
            }
            List<byte[]> payloads = CraftedValues.all(real);
            craftedCount = payloads.size();
            assertTrue(craftedCount >= 500 && craftedCount <= CRAFTED_KEYS, "crafted values: " + craftedCount);
            for (int i = craftedCount; i < CRAFTED_KEYS; i++) {
                payloads.add(payloads.get(i % craftedCount)); // the remaining keys get crafted values a second time
            }
            overwrite(redis, keys, payloads);
            SteppedRun.signal(go);
            crafted = app.await().assertSucceeded();
        }
        System.out.printf("Poisoned values: %d crafted values under %d real keys: %s wrong, %s thrown, canary %s%n",
                craftedCount, CRAFTED_KEYS, crafted.get("wrong"), crafted.get("thrown"), crafted.get("canary"));
    }

    private static void poisonWithRandomBytes(RedisTarget redis) throws Exception {
        randomCount = Integer.getInteger("it.poison.random", RANDOM_DEFAULT);
        int keysPerRound = Math.min(ROUND, randomCount);
        int rounds = (randomCount + keysPerRound - 1) / keysPerRound;
        String namespace = RedisTarget.uniqueNamespace("poison-random");
        Path goDirectory = Files.createTempDirectory("poison-go");
        long started = System.nanoTime();
        try (SteppedRun app = SteppedRun.start(jvm(redis, namespace), PoisonApp.class, "random",
                Integer.toString(keysPerRound), Integer.toString(rounds), goDirectory.toString())) {
            app.awaitLine("STORED", 300);
            List<String> keys = redis.keys(namespace + "|poison|*");
            assertEquals(keysPerRound, keys.size());
            Random bytes = new Random(42);
            for (int round = 0; round < rounds; round++) {
                List<byte[]> payloads = new ArrayList<>(keysPerRound);
                for (int i = 0; i < keysPerRound; i++) {
                    byte[] value = new byte[bytes.nextInt(201)];
                    bytes.nextBytes(value);
                    if (value.length >= 2 && bytes.nextBoolean()) {
                        value[0] = 2; // the agent's format byte and no flags, so that Kryo reads the rest
                        value[1] = 0;
                    }
                    payloads.add(value);
                }
                List<String> expectedHits = new ArrayList<>();
                for (byte[] payload : payloads) {
                    String value = ReferenceDecoder.stringOrNull(payload);
                    if (value != null) {
                        expectedHits.add(value);
                    }
                }
                Collections.sort(expectedHits);
                wellFormedByChance += expectedHits.size();
                overwrite(redis, keys, payloads);
                SteppedRun.signal(goDirectory.resolve("go-" + round));
                String line = app.awaitLine("ROUND " + round + " ", 600);
                String expected = "ROUND " + round + " misses=" + (keysPerRound - expectedHits.size()) + " thrown=0 hits="
                        + String.join(",", expectedHits);
                if (!line.equals(expected)) {
                    roundFailures.add("expected " + expected + "\n but was " + line);
                }
            }
            random = app.await().assertSucceeded();
        }
        System.out.printf("Poisoned values: %d random byte strings in %d rounds of %d keys, %d well-formed by chance: %d rounds"
                        + " wrong, canary %s, %.1f s%n", randomCount, rounds, keysPerRound, wellFormedByChance, roundFailures.size(),
                random.get("canary"), (System.nanoTime() - started) / 1e9);
    }

    private static void overwrite(RedisTarget redis, List<String> keys, List<byte[]> payloads) {
        try (Pipeline pipeline = redis.client().pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                pipeline.set(keys.get(i).getBytes(StandardCharsets.UTF_8), payloads.get(i), SetParams.setParams().keepttl());
            }
            pipeline.sync();
        }
    }

    @Test
    void everyCraftedValueIsAMissAndTheCallerGetsTheCorrectResult() {
        assertEquals("0", crafted.get("wrong"), crafted.describe());
        assertEquals("0", crafted.get("thrown"));
        String twice = Integer.toString(2 * CRAFTED_KEYS);
        assertEquals(twice, crafted.get("runs"), "every entry stored, then every read of a crafted value ran the method");
        assertEquals(twice, crafted.get("runsAfterRewrite"), "and rewrote the entry, which hits again");
    }

    @Test
    void everyRandomValueIsAMissUnlessItIsAWellFormedValue() {
        assertEquals(List.of(), roundFailures);
        assertEquals("0", random.get("thrown"));
    }

    @Test
    void theCanaryClassesAreNeverInitialised() {
        assertEquals("never", crafted.get("canary"));
        assertEquals("never", random.get("canary"));
        assertEquals(1, crafted.stderr().lines().filter(line -> line.contains("cannot be read back")).count(),
                "one warning for the method, however many bad values: " + crafted.stderr());
    }

    @Test
    void noOutOfMemoryErrorOrStackOverflowErrorIsEverThrown() throws Exception {
        String thrown = Files.readString(exceptionLog);
        assertTrue(thrown.contains("KryoException"), "precondition: the exception log records the refusals");
        assertTrue(!thrown.contains("OutOfMemoryError") && !thrown.contains("StackOverflowError"),
                "thrown inside the JVM, even if caught: " + thrown.lines().filter(line -> line.contains("Error")).limit(5).toList());
        for (ForkedJvm.Result run : List.of(crafted, random)) {
            assertTrue(!run.stderr().contains("OutOfMemoryError") && !run.stderr().contains("StackOverflowError"), run.stderr());
        }
    }

    /**
     * Decides, without the agent, whether bytes are a value the agent could have written for a
     * {@code String} method: its envelope rules, then Kryo with only its built-in registrations
     * (no class is loaded by name). Returns the value as hex of its UTF-8 or {@code "null"}, as
     * the application reports hits, or {@code null} when the bytes are not such a value.
     */
    static final class ReferenceDecoder {
        private static final Kryo KRYO = new Kryo();

        static {
            KRYO.setRegistrationRequired(true);
            KRYO.setReferences(true);
        }

        static String stringOrNull(byte[] bytes) {
            if (bytes.length < 2 || bytes[0] != 2) {
                return null;
            }
            if (bytes[1] == 1 && bytes.length == 2) {
                return "null";
            }
            if (bytes[1] != 0) {
                return null;
            }
            try {
                Input input = new Input(bytes, 2, bytes.length - 2);
                Object value = KRYO.readClassAndObject(input);
                if (input.position() != bytes.length) {
                    return null;
                }
                if (value == null) {
                    return "null";
                }
                return value instanceof String text ? HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) : null;
            } catch (RuntimeException | Error malformed) {
                return null;
            }
        }
    }
}
