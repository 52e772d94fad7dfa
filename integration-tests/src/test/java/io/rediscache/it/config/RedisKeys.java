package io.rediscache.it.config;

import java.util.List;

import io.rediscache.it.harness.RedisTarget;
import redis.clients.jedis.JedisPooled;

/** The keys of one namespace, read with SCAN as an operator would. */
final class RedisKeys {

    private RedisKeys() {
    }

    static List<String> inNamespace(JedisPooled client, String namespace) {
        return RedisTarget.keys(client, namespace + "|*");
    }
}
