package io.rediscache.it.packaging;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * The lock smoke scenario of {@code Jdk25SmokeTest}: reports the Java version the forked JVM
 * runs, then calls a {@code @Locked} method whose body looks at its own lock key from outside the
 * agent (the application's Jedis client), reads its fencing token, and outlives its lease once
 * (renewal); then calls it while another holder has the key. Arguments: Redis URL, namespace.
 */
public final class Jdk25LockSmokeApp {

    static final String FOREIGN = "foreign-holder-token";

    private Jdk25LockSmokeApp() {
    }

    public static void main(String[] args) {
        report("java.specification.version", System.getProperty("java.specification.version"));
        try (JedisPooled redis = new JedisPooled(URI.create(args[0]))) {
            String key = args[1] + "|lock|{smoke}";
            Guarded guarded = new Guarded(redis, key);
            report("free", thrown(guarded));
            report("free.pttlAfter", redis.pttl(key));
            redis.set(key, FOREIGN, SetParams.setParams().px(30_000));
            report("held", thrown(guarded));
            report("held.foreignTokenKept", FOREIGN.equals(redis.get(key)));
            report("runs", Guarded.RUNS.get());
            redis.del(key);
        }
    }

    private static String thrown(Guarded guarded) {
        try {
            return "returned:" + guarded.run();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }

    /** The "legacy" code: one locked method; lease 600 ms, body 900 ms, so it is renewed once or twice. */
    public static final class Guarded {

        static final AtomicInteger RUNS = new AtomicInteger();

        private final JedisPooled redis;
        private final String key;

        Guarded(JedisPooled redis, String key) {
            this.redis = redis;
            this.key = key;
        }

        @Locked(value = "smoke", waitMillis = 300, leaseMillis = 600)
        public String run() throws InterruptedException {
            RUNS.incrementAndGet();
            String token = redis.get(key);
            report("inside.tokenPresent", token != null && !token.equals(FOREIGN));
            report("inside.pttl", redis.pttl(key));
            long fence = Locks.fencingToken();
            report("inside.fence", fence);
            report("inside.fenceInRedis", redis.get(key + "|fence"));
            Thread.sleep(900);
            report("inside.sameTokenAfterLease", token != null && token.equals(redis.get(key)));
            return "ran";
        }
    }
}
