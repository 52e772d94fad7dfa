package io.rediscache.it.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The keys of one namespace, read with SCAN as an operator would. */
final class RedisKeys {

    private RedisKeys() {
    }

    static List<String> inNamespace(JedisPooled client, String namespace) {
        ScanParams params = new ScanParams().match(namespace + "|*").count(1000);
        Set<String> found = new TreeSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return List.copyOf(found);
    }
}
