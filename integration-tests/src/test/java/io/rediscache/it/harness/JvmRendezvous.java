package io.rediscache.it.harness;

import java.util.concurrent.TimeUnit;

import redis.clients.jedis.UnifiedJedis;

/** For applications forked several times at once: waits until all of them are ready, so that their work really overlaps. */
public final class JvmRendezvous {

    private JvmRendezvous() {
    }

    /** Counts this JVM in at {@code readyKey} (which expires) and waits, at most 30 s, until {@code jvms} JVMs are. */
    public static void meet(UnifiedJedis redis, String readyKey, int jvms) {
        redis.incr(readyKey);
        redis.pexpire(readyKey, 300_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Long.parseLong(redis.get(readyKey)) < jvms) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the other JVMs did not get ready within 30 s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the other JVMs", e);
            }
        }
    }
}
