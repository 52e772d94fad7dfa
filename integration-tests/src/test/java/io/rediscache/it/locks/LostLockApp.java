package io.rediscache.it.locks;

import java.net.URI;
import java.time.Duration;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.JedisPooled;

/**
 * The application the lost-lock test forks. A {@code @Locked} body with a 600 ms lease
 * announces {@code HOLDING} and watches {@link Locks#isLost()} while the test pauses Redis past
 * its lease; then 1,000 acquire/release cycles check that no lock key outlives its release.
 */
public final class LostLockApp {

    private LostLockApp() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[1];
        new LostLockApp().job();
        try (JedisPooled redis = new JedisPooled(URI.create(args[0]))) {
            int leftover = 0;
            int lostFlags = 0;
            for (int i = 0; i < 1000; i++) {
                try (Locks.Held held = Locks.acquire("cycle", Duration.ZERO, Duration.ofMillis(900))) {
                    lostFlags += held.isLost() ? 1 : 0;
                }
                if (redis.pttl(namespace + "|lock|{cycle}") != -2) {
                    leftover++;
                }
            }
            Thread.sleep(1000); // a renewal that outlived its release would recreate or extend the key by now
            report("cycles.leftover", leftover);
            report("cycles.lostFlags", lostFlags);
            report("cycles.keyAfterASecond", redis.pttl(namespace + "|lock|{cycle}"));
        }
    }

    @Locked(value = "job", leaseMillis = 600)
    void job() throws InterruptedException {
        report("job.lostAtStart", Locks.isLost());
        System.out.println("HOLDING");
        long start = System.nanoTime();
        while (System.nanoTime() - start < 6_000_000_000L) {
            if (Locks.isLost()) {
                report("job.lostSeenAfterMillis", (System.nanoTime() - start) / 1_000_000);
                return;
            }
            Thread.sleep(20);
        }
        report("job.lostSeenAfterMillis", "never");
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
