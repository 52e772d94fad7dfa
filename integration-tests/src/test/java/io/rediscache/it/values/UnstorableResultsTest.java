package io.rediscache.it.values;

import io.rediscache.it.config.Logs;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 5 MiB result and a result holding an open socket are returned to every caller, never
 * stored, and warned about once per method, in a forked JVM with the real agent.
 */
@ExtendWith(RedisHarness.class)
class UnstorableResultsTest {

    @Test
    void returnedNotStoredWarnedOnce(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("unstorable");
        ForkedJvm.Result run = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .run(UnstorableApp.class)
                .assertSucceeded();

        assertEquals("5242880:7:7 5242880:7:7 5242880:7:7", run.get("large"), run.describe());
        assertEquals("true true true", run.get("socket"));
        assertEquals("6", run.get("runs"), "every call ran: nothing was stored to hit");
        assertEquals(0, redis.keys(namespace + "|*").stream().filter(key -> !key.contains("#generation")).count());
        assertEquals(1, Logs.lines(run.stderr(), "[WARN]", "UnstorableResults#large(int)", "bytes, more than",
                "cache.max.value.bytes=1048576"), run.stderr());
        assertEquals(1, Logs.lines(run.stderr(), "[WARN]", "UnstorableResults#socket(int)", "cannot be serialized"),
                run.stderr());
    }
}
