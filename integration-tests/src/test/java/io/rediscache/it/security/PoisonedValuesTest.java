package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.example.canary.Canary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.objenesis.strategy.StdInstantiatorStrategy;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writable Redis is an attack surface: stored bytes are untrusted. A forked JVM (agent
 * attached, {@code -Xmx256m}) stores {@value #ENTRIES} entries; the test overwrites every one,
 * under its real key, with crafted bytes in the agent's own envelope: a gadget stand-in class
 * outside the allow-list ({@link Canary}, whose static initializer would leave a mark), a class
 * that does not exist, every truncation of a real value, declared array and string lengths of
 * 2^31, a list nested 100,000 deep, and random bytes. Every read must be a miss that runs the
 * method and returns its own correct result, with no exception, no OutOfMemoryError or
 * StackOverflowError, and the canary never initialised.
 */
@ExtendWith(RedisHarness.class)
class PoisonedValuesTest {

    private static final int ENTRIES = 20_000;

    private static ForkedJvm.Result run;
    private static int crafted;
    private static int randomOnes;

    @BeforeAll
    static void poisonEveryEntry(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("poison");
        Path go = SteppedRun.newGoFile();
        ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", namespace)
                .jvmOption("-Xmx256m").timeoutSeconds(180);
        try (SteppedRun app = SteppedRun.start(jvm, PoisonApp.class, Integer.toString(ENTRIES), go.toString())) {
            app.awaitLine("STORED", 120);
            List<String> keys = redis.keys(namespace + "|poison|*");
            assertEquals(ENTRIES, keys.size());
            byte[] real = redis.client().get(keys.get(0).getBytes(StandardCharsets.UTF_8));
            List<byte[]> payloads = craftedPayloads(real);
            crafted = payloads.size();
            Random random = new Random(42);
            while (payloads.size() < keys.size()) {
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                if (random.nextBoolean()) {
                    bytes[0] = 2; // the agent's format byte, so that Kryo reads the rest
                    if (bytes.length > 1) {
                        bytes[1] = 0;
                    }
                }
                payloads.add(bytes);
            }
            randomOnes = payloads.size() - crafted;
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (int i = 0; i < keys.size(); i++) {
                    pipeline.set(keys.get(i).getBytes(StandardCharsets.UTF_8), payloads.get(i), SetParams.setParams().keepttl());
                }
                pipeline.sync();
            }
            SteppedRun.signal(go);
            run = app.await().assertSucceeded();
        }
        System.out.printf("Poisoned values: %d crafted and %d random values under real keys: %s wrong, %s thrown, canary %s%n",
                crafted, randomOnes, run.get("wrong"), run.get("thrown"), run.get("canary"));
    }

    @Test
    void everyPoisonedValueIsAMissAndTheCallerGetsTheCorrectResult() {
        assertEquals("0", run.get("wrong"), run.describe());
        assertEquals("0", run.get("thrown"));
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runs"), "every read of a poisoned value ran the method");
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runsAfterRewrite"), "and rewrote the entry, which hits again");
        assertTrue(crafted >= 20, "canary, missing class, every truncation, two huge lengths, deep nesting: " + crafted);
    }

    @Test
    void theCanaryClassIsNeverInitialised() {
        assertEquals("never", run.get("canary"));
        assertEquals(1, run.stderr().lines().filter(line -> line.contains("cannot be read back")).count(),
                "one warning for the method, however many bad values: " + run.stderr());
    }

    @Test
    void noJvmErrorEscapes() {
        assertTrue(!run.stderr().contains("OutOfMemoryError") && !run.stderr().contains("StackOverflowError"), run.stderr());
    }

    /** Values in the agent's envelope ({@code 2, 0}, then Kryo's writeClassAndObject) made to hurt. */
    private static List<byte[]> craftedPayloads(byte[] real) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        byte[] canary = envelope(kryo -> {
        }, new Canary());
        payloads.add(canary);
        payloads.add(replace(canary, "Canary", "Xanary")); // a class that does not exist
        for (int length = 0; length < real.length; length++) {
            payloads.add(Arrays.copyOf(real, length)); // every truncation of a real value
        }
        byte[] longs = envelope(kryo -> {
        }, new long[] {5, 6, 7});
        payloads.add(withHugeLength(longs, longs.length - 4, 3)); // long[] of 2^31 - 8 elements
        byte[] text = envelope(kryo -> {
        }, "é-non-ascii, so Kryo writes a length");
        payloads.add(withHugeStringLength(text, indexOf(text, new byte[] {(byte) 0xc3, (byte) 0xa9}) - 1)); // before "é"
        payloads.add(deeplyNested(100_000));
        return payloads;
    }

    private static byte[] envelope(Consumer<Kryo> configure, Object value) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.setMaxDepth(Integer.MAX_VALUE);
        configure.accept(kryo);
        Output output = new Output(1 << 16, -1);
        output.writeByte(2); // the agent's format byte
        output.writeByte(0);
        kryo.writeClassAndObject(output, value);
        return output.toBytes();
    }

    /** A list nested {@code depth} levels deep, written on a thread with a stack large enough for it. */
    private static byte[] deeplyNested(int depth) throws Exception {
        List<Object> outer = new ArrayList<>();
        List<Object> inner = outer;
        for (int i = 0; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        byte[][] bytes = new byte[1][];
        Thread writer = new Thread(null, () -> bytes[0] = envelope(kryo -> {
        }, outer), "deep-writer", 1L << 30);
        writer.start();
        writer.join();
        assertTrue(bytes[0] != null && bytes[0].length > depth, "precondition: the nested list was written");
        return bytes[0];
    }

    /** Replaces the varint at {@code at} by a 5-byte one claiming 2^31 - 8, keeping {@code keep} bytes after the old one. */
    private static byte[] withHugeLength(byte[] valid, int at, int keep) {
        byte[] crafted = Arrays.copyOf(valid, at + 5 + keep);
        int value = Integer.MAX_VALUE - 7;
        for (int i = 0; i < 4; i++) {
            crafted[at + i] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        crafted[at + 4] = (byte) value;
        System.arraycopy(valid, valid.length - keep, crafted, at + 5, keep);
        return crafted;
    }

    /**
     * A non-ASCII string's header claiming 2^31 - 8 characters: Kryo writes a string's length as
     * a "flagged" varint, its first byte holding the flag (0x80), a continuation bit (0x40) and
     * six bits of the value, the following bytes seven bits each.
     */
    private static byte[] withHugeStringLength(byte[] valid, int at) {
        assertTrue((valid[at] & 0x80) != 0, "precondition: a string written with its length");
        int value = Integer.MAX_VALUE - 7;
        byte[] header = new byte[5];
        header[0] = (byte) (0x80 | 0x40 | (value & 0x3f));
        value >>>= 6;
        for (int i = 1; i < 4; i++) {
            header[i] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        header[4] = (byte) value;
        byte[] crafted = Arrays.copyOf(valid, valid.length + 5);
        System.arraycopy(header, 0, crafted, at, 5);
        System.arraycopy(valid, at + 1, crafted, at + 5, valid.length - at - 1);
        return crafted;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
                return i;
            }
        }
        throw new AssertionError("precondition: " + Arrays.toString(part) + " is in " + Arrays.toString(bytes));
    }

    /** The bytes with an ASCII class name replaced by another of the same length (Kryo flags its last character). */
    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] search = from.substring(0, from.length() - 1).getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.substring(0, to.length() - 1).getBytes(StandardCharsets.US_ASCII);
        byte[] copy = bytes.clone();
        for (int i = 0; i + search.length <= copy.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(copy, i, i + search.length), search)) {
                System.arraycopy(replacement, 0, copy, i, replacement.length);
                copy[i + search.length] = (byte) (to.charAt(to.length() - 1) | 0x80);
                return copy;
            }
        }
        throw new AssertionError("precondition: '" + from + "' is in the bytes");
    }
}
