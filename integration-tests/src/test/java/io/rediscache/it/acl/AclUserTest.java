package io.rediscache.it.acl;

import java.net.URI;
import java.util.List;

import io.rediscache.it.harness.RedisAcl;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's {@code ACL SETUSER cacheagent …} line really restricts: a user made from it
 * reaches its namespace's keys and channels and the listed commands, and nothing else. So the
 * suite's ACL mode ({@code -Dit.redis.acl=true}, a second surefire run of the cache and lock
 * tests) proves the agent needs no more than that line.
 */
@ExtendWith(RedisHarness.class)
class AclUserTest {

    @Test
    void theReadmeUserReachesItsNamespaceOnly(RedisTarget redis) {
        String namespace = RedisTarget.uniqueNamespace("acl");
        String url = RedisAcl.createUser(redis.url(), namespace);
        try (Jedis agent = new Jedis(URI.create(url))) {
            assertEquals("OK", agent.set(namespace + "|c|k", "v", SetParams.setParams().px(60_000)));
            assertEquals("v", agent.get(namespace + "|c|k"));
            assertEquals("v", agent.eval("return redis.call('GET', KEYS[1])", List.of(namespace + "|c|k"), List.of()));

            assertNoPermission(() -> agent.get("other|c|k"), "a key of another namespace");
            assertNoPermission(() -> agent.set("plain-key", "v"), "a key outside every namespace");
            assertNoPermission(() -> agent.eval("return redis.call('GET', KEYS[1])", List.of("other|c|k"), List.of()),
                    "a script on another namespace's key");
            assertNoPermission(() -> agent.publish("other|#generation", "1"), "another namespace's channel");
            assertNoPermission(() -> agent.keys("*"), "KEYS");
            assertNoPermission(() -> agent.flushAll(), "FLUSHALL");
            assertNoPermission(() -> agent.configSet("maxmemory", "1"), "CONFIG SET");
            assertNoPermission(() -> agent.eval("return redis.call('FLUSHDB')"), "FLUSHDB from a script");
            assertNoPermission(() -> agent.psubscribe(new JedisPubSub() { }, "other|lock|*"), "another namespace's lock channels");
        } finally {
            redis.client().sendCommand(Protocol.Command.ACL, "LOG", "RESET"); // these refusals were the point
        }
    }

    @Test
    void agentUrlFollowsTheMode(RedisTarget redis) {
        String namespace = RedisTarget.uniqueNamespace("acl-mode");
        String agentUrl = redis.agentUrl(namespace);
        if (RedisAcl.enabled()) {
            assertNotEquals(redis.url(), agentUrl, "in ACL mode the agent must not log in as the default user");
            assertTrue(URI.create(agentUrl).getUserInfo().startsWith("agent-" + namespace + ":"), agentUrl);
            RedisAcl.assertRestricted(agentUrl, namespace);
        } else {
            assertEquals(redis.url(), agentUrl);
        }
    }

    private static void assertNoPermission(Runnable command, String what) {
        JedisDataException refused = assertThrows(JedisDataException.class, command::run, what);
        String message = refused.getMessage();
        assertTrue(message.startsWith("NOPERM") || message.contains("The user executing the script can't run this command"),
                what + ": " + message);
    }
}
