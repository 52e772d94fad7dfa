package io.rediscache.it.stampede;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.CacheKey;
import io.rediscache.RedisCache;
import redis.clients.jedis.JedisPooled;

/**
 * A "legacy" service whose cached methods are slow (200 ms) and count their runs: in this JVM
 * (an {@link AtomicInteger}) and in total across JVMs ({@code INCR} on a test key). The body
 * also marks the thread it ran on, so a caller can tell that it paid for the load itself.
 */
public final class SlowOrigin {

    static final long LOAD_MILLIS = 200;
    private static final ThreadLocal<Boolean> RAN_HERE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final JedisPooled redis;
    private final String counterKey;
    final AtomicInteger runs = new AtomicInteger();

    SlowOrigin(JedisPooled redis, String counterKey) {
        this.redis = redis;
        this.counterKey = counterKey;
    }

    /** The stampede scenario's key: absent at the start, then stored for a minute. */
    @RedisCache(name = "quotes", ttl = 60)
    public List<String> quote(@CacheKey String sku) {
        return load(sku);
    }

    /** The early-refresh scenario's hot key: a 2-second TTL. */
    @RedisCache(name = "board", ttl = 2)
    public List<String> board(@CacheKey String name) {
        return load(name);
    }

    private List<String> load(String name) {
        RAN_HERE.set(Boolean.TRUE);
        if (!name.startsWith("warm")) {
            runs.incrementAndGet();
            redis.incr(counterKey);
            redis.pexpire(counterKey, 600_000);
        }
        try {
            Thread.sleep(LOAD_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> value = new ArrayList<>();
        value.add(name);
        value.add("value-of-" + name);
        return value;
    }

    static List<String> expected(String name) {
        return List.of(name, "value-of-" + name);
    }

    /** Whether the body ran on the current thread since the last call of this method (and forgets it). */
    static boolean ranHere() {
        boolean ran = RAN_HERE.get();
        RAN_HERE.set(Boolean.FALSE);
        return ran;
    }
}
