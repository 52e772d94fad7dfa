package io.rediscache.it.locks;

import java.util.List;

import redis.clients.jedis.UnifiedJedis;

/**
 * A resource protected by fencing tokens, as the README asks of resources that must stay safe
 * even when a lock holder was paused past its lease: it remembers the highest token it saw and
 * rejects a write that carries a lower one. It lives in Redis (one hash) so that every JVM writes
 * to the same resource; the check and the write are one script.
 */
final class FencedResource {

    private static final String WRITE =
            "local last = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')\n"
            + "if tonumber(ARGV[1]) > last then\n"
            + "  redis.call('HSET', KEYS[1], 'fence', ARGV[1], 'writer', ARGV[2])\n"
            + "  redis.call('PEXPIRE', KEYS[1], 300000)\n"
            + "  return 1\n"
            + "end\n"
            + "return 0";

    private FencedResource() {
    }

    /** Writes {@code writer} with {@code fencingToken}; "accepted" or "rejected". */
    static String write(UnifiedJedis redis, String key, long fencingToken, String writer) {
        Object accepted = redis.eval(WRITE, List.of(key), List.of(Long.toString(fencingToken), writer));
        return Long.valueOf(1).equals(accepted) ? "accepted" : "rejected";
    }
}
