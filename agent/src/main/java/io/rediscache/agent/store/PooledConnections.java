package io.rediscache.agent.store;

import java.util.Collections;
import java.util.Map;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * The connections of a {@link RedisStore}: Jedis's connection pool, except that a connection is
 * only ever opened for a caller that borrows one.
 *
 * <p>Why not Jedis's own {@code PooledConnectionProvider}: when a command fails, Jedis
 * invalidates the broken connection, and commons-pool (2.13) then opens a replacement at once,
 * in the same thread, before the failed command returns. Against a hung Redis the replacement
 * waits for the socket timeout again (the TCP connect succeeds, the handshake gets no answer);
 * against a host that is gone, for the connect timeout. So a cached call that had already paid
 * {@code redis.timeout.socket} paid it twice, or once plus {@code redis.timeout.connect}. Here the
 * replacement is left to the next caller that needs a connection, which while the circuit
 * breaker is open is only its probe.
 */
final class PooledConnections implements ConnectionProvider {

    private final HostAndPort address;
    private final ConnectionPool pool;
    private final PoolExhaustion exhaustion;

    PooledConnections(HostAndPort address, JedisClientConfig clientConfig, ConnectionPoolConfig poolConfig,
                      PoolExhaustion exhaustion) {
        this.address = address;
        this.exhaustion = exhaustion;
        this.pool = new BorrowerOpenedPool(address, clientConfig, poolConfig);
    }

    @Override
    public Connection getConnection() {
        return borrow();
    }

    @Override
    public Connection getConnection(CommandArguments arguments) {
        return borrow();
    }

    /**
     * A connection, or {@link PoolExhaustedException} when none became free within
     * {@code redis.pool.wait}, with a message naming the setting (and the warning of
     * {@link PoolExhaustion}, at most once a minute).
     */
    private Connection borrow() {
        try {
            return pool.getResource();
        } catch (JedisException e) {
            if (exhaustion.seenIn(e)) {
                throw new PoolExhaustedException("no pooled connection became free within redis.pool.wait="
                        + exhaustion.waitMillis() + " ms", e);
            }
            throw e;
        }
    }

    @Override
    public Map<?, ?> getConnectionMap() {
        return Collections.singletonMap(address, pool);
    }

    @Override
    public Map<?, ?> getPrimaryNodesConnectionMap() {
        return getConnectionMap();
    }

    /**
     * Closes the idle connections. Called when the circuit breaker opens: after a crash or a
     * restart they are all dead, and each would fail one probe (a cool-down each) before the
     * pool opened a fresh one.
     */
    void dropIdle() {
        pool.clear();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A pool whose only way to open a connection is a borrower's request. */
    private static final class BorrowerOpenedPool extends ConnectionPool {

        BorrowerOpenedPool(HostAndPort address, JedisClientConfig clientConfig, ConnectionPoolConfig poolConfig) {
            super(address, clientConfig, poolConfig);
        }

        /** Called by commons-pool to replace an invalidated connection at once; not wanted here. */
        @Override
        public void addObject() {
            // a connection is opened when a caller borrows one
        }
    }
}
