package io.rediscache.it.locks;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * A shared counter in Redis, incremented by a plain read-modify-write ({@code GET}, then
 * {@code SET} of the value plus one) with the application's own Jedis 5 client: without a lock,
 * concurrent callers lose updates.
 */
public final class CounterService {

    private final JedisPooled redis;
    private final String counterKey;
    /** One "valueRead fencingToken" line per locked increment. */
    private final Queue<String> steps = new ConcurrentLinkedQueue<>();

    public CounterService(JedisPooled redis, String counterKey) {
        this.redis = redis;
        this.counterKey = counterKey;
    }

    @Locked(value = "counter", waitMillis = 30_000)
    public void lockedIncrement() {
        long seen = readModifyWrite();
        steps.add(seen + " " + fencingToken());
    }

    public void unlockedIncrement() {
        readModifyWrite();
    }

    List<String> steps() {
        return List.copyOf(steps);
    }

    private long readModifyWrite() {
        String value = redis.get(counterKey);
        long seen = value == null ? 0 : Long.parseLong(value);
        redis.set(counterKey, Long.toString(seen + 1), SetParams.setParams().px(300_000));
        return seen;
    }

    private static long fencingToken() {
        try {
            return Locks.fencingToken();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
