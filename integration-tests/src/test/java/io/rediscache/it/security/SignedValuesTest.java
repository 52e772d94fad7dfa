package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

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
 * 1,000 entries (HMAC-signed); the test flips one random bit in half of them and swaps the other
 * half between keys (each still a valid value, signed for another key); every read is then a
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
        try (SteppedRun app = SteppedRun.start(jvm, PoisonApp.class, Integer.toString(ENTRIES), go.toString())) {
            app.awaitLine("STORED", 60);
            List<String> keys = redis.keys(namespace + "|poison|*");
            assertEquals(ENTRIES, keys.size());
            byte[][] values = new byte[ENTRIES][];
            for (int i = 0; i < ENTRIES; i++) {
                values[i] = redis.client().get(keys.get(i).getBytes(StandardCharsets.UTF_8));
            }
            assertTrue((values[0][1] & 2) != 0, "precondition: the stored value carries the signed flag");
            Random random = new Random(7);
            try (Pipeline pipeline = redis.client().pipelined()) {
                for (int i = 0; i < ENTRIES; i++) {
                    byte[] tampered;
                    if (i % 2 == 0) {
                        tampered = values[i].clone();
                        tampered[random.nextInt(tampered.length)] ^= (byte) (1 << random.nextInt(8));
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
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runs"), "all 1,000 tampered values were rejected");
        assertEquals(Integer.toString(2 * ENTRIES), run.get("runsAfterRewrite"), "the rewritten, signed entries hit");
        assertFalse(run.stderr().contains(SECRET) || run.stdout().contains(SECRET), "the key is never logged");
    }
}
