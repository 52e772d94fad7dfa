package io.rediscache.it.writes;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code cache.write.async=true} against a real Redis that holds writes back for 3 s
 * ({@code CLIENT PAUSE … WRITE}; reads go on): 20 misses return before any of their values is
 * stored, and every value is stored, with its TTL, once writes resume; the same calls are then
 * hits; a key called twice in a row by one thread runs the method once. The control, with
 * synchronous writes, finds every value stored when the calls return: that is the difference the
 * test asserts. Each runs against a server of its own (a pause would stall other tests); a
 * socket timeout of 10 s keeps the paused writes from failing.
 */
class AsyncWriteTest {

    @Test
    void withAsynchronousWritesMissesReturnBeforeTheirValuesAreStored() throws Exception {
        ForkedJvm.Result run = run(true);

        assertEquals(0, run.getLong("storedRightAfter"), run.describe());
        assertEquals(20, run.getLong("storedLater"), run.describe());
        assertEquals(0, run.getLong("withoutTtl"));
        assertEquals("true", run.get("correct"));
        assertEquals(0, run.getLong("runsOfTheSecondCalls"), "the second calls are hits");
        assertEquals("true", run.get("twiceCorrect"));
        assertEquals(1, run.getLong("runsOfTwiceInARow"), "the second call waits for the first one's write");
    }

    @Test
    void withSynchronousWritesEveryValueIsStoredWhenTheCallsReturn() throws Exception {
        ForkedJvm.Result run = run(false);

        assertEquals(20, run.getLong("storedRightAfter"), "the control must differ, or the other test proves nothing: "
                + run.describe());
        assertEquals(0, run.getLong("runsOfTheSecondCalls"));
        assertEquals(1, run.getLong("runsOfTwiceInARow"));
    }

    private static ForkedJvm.Result run(boolean async) throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            return ForkedJvm.withAgent()
                    .set("redis.url", redis.url())
                    .set("cache.namespace", "writes")
                    .set("cache.write.async", Boolean.toString(async))
                    .set("redis.timeout.socket", "10s")
                    .timeoutSeconds(60)
                    .run(AsyncWriteApp.class, redis.url(), "writes")
                    .assertSucceeded();
        }
    }
}
