package io.rediscache.it.config;

import io.rediscache.it.app.CachingApp;
import io.rediscache.it.harness.ForkedJvm;
import org.junit.jupiter.api.Test;

import static io.rediscache.it.config.Logs.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without {@code redis.url} the agent caches in process: it says so at start, a second call is
 * a hit, an entry's TTL is honoured (a 1 s entry is gone 1.5 s later), and {@code Cache.clear}
 * empties one cache.
 */
class InProcessStoreTest {

    @Test
    void withoutRedisUrlTheAgentSaysSoAndCachesInProcess() throws Exception {
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .run(CachingApp.class, "basic")
                .assertSucceeded();

        assertEquals(1, lines(result.stderr(), "[INFO]", " started: backend in-process store (no redis.url set)"),
                "the start-up line names the in-process store:\n" + result.stderr());
        assertEquals(0, lines(result.stderr(), "[ERROR]"), result.stderr());
        assertEquals(0, lines(result.stderr(), "Redis at"), "no Redis is contacted:\n" + result.stderr());

        assertEquals("1", result.get("price.runs"), "second call of price(A-1) is a hit\n" + result.describe());
        assertEquals("true", result.get("price.equal"));
        assertEquals("false", result.get("price.sameInstance"), "a hit is the caller's own copy, as with Redis");
        assertEquals("49,49", result.get("square.values"));
        assertEquals("1", result.get("square.runs"));

        assertEquals("fresh-S", result.get("short.second"));
        assertEquals("fresh-S", result.get("short.afterTtl"));
        assertEquals("2", result.get("short.runs"), "miss, hit, then a miss once the 1 s TTL passed");
        assertTrue(result.stdout().contains("RESULT short.first=fresh-S"), result.describe());
        assertEquals("2,0", result.get("clear.runs"), "Cache.clear(\"clearable\") empties that cache only: miss, hit,"
                + " clear, miss, hit; squares still hit");
    }
}
