package io.rediscache.bench;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.exceptions.JedisConnectionException;
import io.rediscache.agent.shaded.redis.clients.jedis.params.SetParams;

/**
 * The lock floor: the least a hand-written Redis lock does around an empty body, as an
 * application would write it. {@code SET key token NX PX lease}, then a Lua compare-and-delete
 * sent by its SHA1 ({@code EVALSHA}, loaded once). Tokens are made as the agent makes them (a
 * random prefix and a counter). A call slower than the client's socket timeout is counted, and the
 * key it may have left is deleted so that the next call is not held up by it. Single-threaded.
 */
final class HandWrittenLock {

    static final String COMPARE_AND_DELETE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private final RedisClient redis;
    private final String key;
    private final List<String> keys;
    private final SetParams lease;
    private final String tokenPrefix;
    private final String sha;
    private long tokens;
    /** Calls that found the lock taken, that did not release it, that timed out. */
    long busy;
    long notReleased;
    long failures;

    HandWrittenLock(RedisClient redis, String key, long leaseMillis) {
        this.redis = redis;
        this.key = key;
        this.keys = Collections.singletonList(key);
        this.lease = SetParams.setParams().nx().px(leaseMillis);
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        StringBuilder prefix = new StringBuilder();
        for (byte b : random) {
            prefix.append(String.format("%02x", b));
        }
        this.tokenPrefix = prefix.append(':').toString();
        this.sha = redis.scriptLoad(COMPARE_AND_DELETE);
    }

    /** Takes the lock, runs nothing (an empty body), releases it. */
    void lockAndUnlock() {
        String token = tokenPrefix + (++tokens);
        try {
            if (!"OK".equals(redis.set(key, token, lease))) {
                busy++;
                return;
            }
            if (!Long.valueOf(1).equals(redis.evalsha(sha, keys, Collections.singletonList(token)))) {
                notReleased++;
            }
        } catch (JedisConnectionException timeout) {
            failures++;
            redis.del(key);
        }
    }

    void resetCounts() {
        busy = 0;
        notReleased = 0;
        failures = 0;
    }
}
