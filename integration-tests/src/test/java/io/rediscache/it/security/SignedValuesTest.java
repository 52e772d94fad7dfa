package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.SetParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cache.signing.key}: with it set, an agent JVM rejects every tampered value. It stores
 * 1,000 entries (HMAC-signed); the test flips one bit in half of them (bit 0 of the first, bit 1
 * of the next, …: every bit position of a value, envelope, payload and MAC, is flipped in some
 * entry) and swaps the other half between keys (each still a valid value, signed for another key); every read is then a
 * miss that runs the method, and the rewritten entries hit again. The key never shows in the log.
 */
@ExtendWith(RedisHarness.class)
class SignedValuesTest {

    private static final int ENTRIES = 1000;
    private static final String SECRET = "S3cr3t-canary-signing-key";

    @Test
    void everyTamperedValueIsRejected(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("signed");
        Path go = SteppedRun.newGoFile();
        ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", redis.url()).set("cache.namespace", namespace)
                .set("cache.signing.key", SECRET);
        ForkedJvm.Result run;
        Set<Integer> flipped = new HashSet<>();
        int shortest = Integer.MAX_VALUE;
        try (SteppedRun app = SteppedRun.start(jvm, PoisonApp.class, "lookup", Integer.toString(ENTRIES), go.toString())) {
            app.awaitLine("STORED", 60);
            List<String> keys = redis.keys(namespace + "|poison|*");
            assertEquals(ENTRIES, keys.size());
            byte[][] values = new byte[ENTRIES][];
            for (int i = 0; i < ENTRIES; i++) {
                values[i] = redis.client().get(keys.get(i).getBytes(StandardCharsets.UTF_8));
            }
            assertTrue((values[0][1] & 2) != 0, "precondition: the stored value carries the signed flag");
            int longest = 0;
            for (byte[] value : values) {
                longest = Math.max(longest, value.length);
                shortest = Math.min(shortest, value.length);
            }
            assertTrue(ENTRIES / 2 >= 8 * longest, "precondition: enough entries to flip every bit of a value");
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (int i = 0; i < ENTRIES; i++) {
                    byte[] tampered;
                    if (i % 2 == 0) {
                        tampered = values[i].clone();
                        int bit = (i / 2) % (8 * tampered.length); // bit 0, 1, 2, …: every position of the value in turn
                        tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                        flipped.add(bit);
                    } else {
                        tampered = values[i - 1]; // a genuine signed value, of another key
                    }
                    pipeline.set(keys.get(i).getBytes(StandardCharsets.UTF_8), tampered, SetParams.setParams().keepttl());
                }
                pipeline.sync();
            }
            SteppedRun.signal(go);
            run = app.await().assertSucceeded();
        }

        assertEquals("0", run.get("wrong"), run.describe());
        assertEquals("0", run.get("thrown"));
        int bitsOfShortest = 8 * shortest;
        assertEquals(bitsOfShortest, flipped.stream().filter(bit -> bit < bitsOfShortest).count(),
                "every bit position of the values was flipped in some entry");
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runs"), "all 1,000 tampered values were rejected");
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runsAfterRewrite"), "the rewritten, signed entries hit");
        assertFalse(run.stderr().contains(SECRET) || run.stdout().contains(SECRET), "the key is never logged");
    }
}
