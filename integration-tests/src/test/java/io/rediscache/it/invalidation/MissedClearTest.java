package io.rediscache.it.invalidation;

import java.net.URI;
import java.nio.file.Path;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JVM that was not listening when a cache was cleared still sees the clear: its
 * subscription to the generation channel is killed ({@code CLIENT KILL TYPE pubsub}), the
 * cache's generation is raised in Redis without any message (as a clear published while it was
 * deaf), and once it has re-subscribed, every entry of that cache is a miss for it while the
 * other cache still hits.
 */
@ExtendWith(RedisHarness.class)
class MissedClearTest {

    @Test
    void aClearPublishedWhileAJvmWasNotSubscribedIsNotMissed(RedisTarget redis) throws Exception {
        String namespace = RedisTarget.uniqueNamespace("missed");
        Path go = SteppedRun.newGoFile();
        ForkedJvm jvm = ForkedJvm.withAgent().set("redis.url", redis.agentUrl(namespace)).set("cache.namespace", namespace);
        try (SteppedRun reader = SteppedRun.start(jvm, ClearApp.class, "reader", go.toString())) {
            reader.awaitLine("FILLED", 60);
            try (Jedis admin = new Jedis(URI.create(redis.url()))) {
                long killed = admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB));
                assertEquals(1, killed, "the reader's generation subscriber was connected");
                admin.set(namespace + "|#generation|prices", Long.toString(System.currentTimeMillis()));
            }
            Thread.sleep(2500); // the subscriber re-subscribes one second after losing its connection
            SteppedRun.signal(go);
            ForkedJvm.Result result = reader.await().assertSucceeded();

            assertEquals("100,100", result.get("runs.filled"));
            assertEquals("200,100", result.get("runs.afterClear"),
                    "every price missed under the new generation; stock still hit: " + result.describe());
        }
    }
}
