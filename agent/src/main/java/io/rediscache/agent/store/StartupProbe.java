package io.rediscache.agent.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Asks Redis for its version once, as soon as the client exists, so that start-up says whether
 * Redis answers, and an unreachable Redis opens the circuit breaker before the first cached call
 * pays a timeout; then reads its memory policy ({@link MemoryPolicyCheck}). A user that may not
 * run {@code INFO} (NOPERM) still got an answer: that is no outage.
 *
 * <p>Runs on the connection's background thread, and is its own class so that its Jedis
 * exception classes load there, not while the JVM starts.
 */
final class StartupProbe {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class); // the store's line, as before

    private StartupProbe() {
    }

    static void run(RedisConnection connection, UnifiedJedis client, CircuitBreaker breaker, MemoryPolicyCheck memory) {
        long permit = breaker.admit();
        String version;
        try {
            version = version(client.info("server"));
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOPERM")) {
                breaker.trip(e);
                return;
            }
            version = "(version unknown: this user may not run INFO)"; // yet the server answered
        } catch (RuntimeException e) {
            connection.reportTlsRefusal(e);
            breaker.trip(e);
            return;
        }
        if (permit != CircuitBreaker.SKIP) {
            breaker.onSuccess(permit);
        }
        LOG.info("Connected to Redis {} at {}.", version, connection.describe());
        memory.check(client);
    }

    private static String version(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "(version unknown)";
    }
}
