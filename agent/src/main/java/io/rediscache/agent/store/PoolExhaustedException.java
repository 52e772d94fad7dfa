package io.rediscache.agent.store;

import redis.clients.jedis.exceptions.JedisException;

/**
 * Every pooled connection was busy for {@code redis.pool.wait}: more concurrent calls than
 * {@code redis.pool.size}, not a sign that Redis is failing. The call runs uncached (a lock
 * is unavailable), but the circuit breaker does not count it: opening the breaker on a burst
 * against a healthy Redis would turn the burst into a stampede on the application's data
 * source. Commands stuck on a hung Redis fail by their own socket timeouts, and those count.
 */
final class PoolExhaustedException extends JedisException {

    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
