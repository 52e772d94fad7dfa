package io.rediscache.agent.store;

import java.util.NoSuchElementException;

import io.rediscache.agent.OncePerMinute;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.RedisTopology;
import io.rediscache.agent.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells a wait for a pooled connection that ran out ({@code redis.pool.wait} passed with every
 * connection busy) from a failure of Redis, for every topology, and says once a minute what to
 * raise. A busy pool is not a failing Redis: the circuit breaker must not count it
 * ({@link PoolExhaustedException} says why).
 *
 * <p>How Jedis's pools say it: commons-pool's {@link NoSuchElementException} of a timed-out
 * borrow, without a cause, inside Jedis's {@code JedisException}; a failure to open or validate
 * a connection carries its cause, or is a {@code JedisConnectionException} itself. One server
 * turns it into a {@link PoolExhaustedException} of its own ({@link PooledConnections}); the
 * cluster and Sentinel clients pass Jedis's on.
 */
final class PoolExhaustion {

    private static final Logger LOG = LoggerFactory.getLogger(PoolExhaustion.class);

    private final String pools;
    private final long waitMillis;
    private final OncePerMinute warning = new OncePerMinute();

    PoolExhaustion(AgentConfig config) {
        int size = config.count(Setting.REDIS_POOL_SIZE);
        this.pools = config.redisTopology().kind() == RedisTopology.Kind.CLUSTER
                ? "All " + size + " pooled connections to a Redis Cluster node"
                : "All " + size + " pooled Redis connections";
        this.waitMillis = config.millis(Setting.REDIS_POOL_WAIT);
    }

    /** Whether {@code e} is a wait for a pooled connection that timed out. */
    static boolean is(Throwable e) {
        if (e instanceof PoolExhaustedException) {
            return true;
        }
        Throwable cause = e.getCause();
        return e instanceof JedisException && cause instanceof NoSuchElementException && cause.getCause() == null;
    }

    /** As {@link #is}, and says it (at most once a minute) when it is. */
    boolean seenIn(Throwable e) {
        if (!is(e)) {
            return false;
        }
        if (warning.due()) {
            LOG.warn("{} were busy for redis.pool.wait={} ms; calls that found none ran uncached (locks: unavailable)."
                    + " Raise redis.pool.size for this many concurrent calls. (Said at most once a minute.)", pools, waitMillis);
        }
        return true;
    }

    long waitMillis() {
        return waitMillis;
    }
}
