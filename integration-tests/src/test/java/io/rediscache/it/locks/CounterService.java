package io.rediscache.it.locks;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A shared counter in Redis, incremented by a plain read-modify-write ({@code GET}, then
 * {@code SET} of the value plus one) with the application's own Jedis 5 client: without a lock,
 * concurrent callers lose updates. Each increment also counts itself in and out of a second key
 * ({@code INCR}/{@code DECR} of {@code <counter>|inside}): an increment that finds another one
 * inside, in any JVM, is an overlap.
 */
public final class CounterService {

    private final UnifiedJedis redis;
    private final String counterKey;
    private final String insideKey;
    private final AtomicInteger overlaps = new AtomicInteger();
    /** One "valueRead fencingToken" line per locked increment. */
    private final Queue<String> steps = new ConcurrentLinkedQueue<>();

    public CounterService(UnifiedJedis redis, String counterKey) {
        this.redis = redis;
        this.counterKey = counterKey;
        this.insideKey = counterKey + "|inside";
    }

    @Locked(value = "counter", waitMillis = 30_000)
    public void lockedIncrement() {
        long seen = readModifyWrite();
        steps.add(seen + " " + fencingToken());
    }

    public void unlockedIncrement() {
        readModifyWrite();
    }

    /** Increments of this JVM that found another increment (of any JVM) running. */
    int overlaps() {
        return overlaps.get();
    }

    List<String> steps() {
        return List.copyOf(steps);
    }

    private long readModifyWrite() {
        if (redis.incr(insideKey) != 1) {
            overlaps.incrementAndGet();
        }
        try {
            String value = redis.get(counterKey);
            long seen = value == null ? 0 : Long.parseLong(value);
            redis.set(counterKey, Long.toString(seen + 1), SetParams.setParams().px(300_000));
            return seen;
        } finally {
            redis.decr(insideKey);
            redis.pexpire(insideKey, 300_000);
        }
    }

    private static long fencingToken() {
        try {
            return Locks.fencingToken();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
