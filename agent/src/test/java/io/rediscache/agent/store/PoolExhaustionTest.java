package io.rediscache.agent.store;

import java.net.ConnectException;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which exceptions are a wait for a pooled connection that ran out, as Jedis's pools throw them
 * (the forked-JVM proof, on one server, a cluster and Sentinel, is {@code PoolBurstTest}).
 */
class PoolExhaustionTest {

    @Test
    void aTimedOutBorrowIsExhaustion() {
        NoSuchElementException timedOut = new NoSuchElementException("Timeout waiting for idle object, borrowMaxWaitDuration=PT0.001S");
        assertTrue(PoolExhaustion.is(new JedisException("Could not get a resource from the pool", timedOut)));
        assertTrue(PoolExhaustion.is(new PoolExhaustedException("no pooled connection became free", null)));
    }

    @Test
    void aConnectionThatCouldNotBeOpenedOrValidatedIsAFailure() {
        NoSuchElementException invalid = new NoSuchElementException("Unable to validate object");
        invalid.initCause(new JedisConnectionException("Read timed out"));
        assertFalse(PoolExhaustion.is(new JedisException("Could not get a resource from the pool", invalid)));
        assertFalse(PoolExhaustion.is(new JedisConnectionException("Failed to connect", new ConnectException("refused"))));
        assertFalse(PoolExhaustion.is(new JedisException("ERR something", null)));
    }
}
