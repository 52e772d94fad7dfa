package io.rediscache.it.locks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.JedisPooled;

import static io.rediscache.it.locks.LockApp.report;

/**
 * The application of the {@code lock.replicas} tests: {@code threads} threads each call a
 * {@code @Locked("acked_{0}")} method {@code calls} times (a lock name per thread), then one
 * {@code Locks.acquire}. It reports how many calls ran and failed, the first failure, the
 * slowest call, and, when given a replica's URL, how often the body found its lock key already
 * on the replica.
 *
 * <p>Arguments: {@code namespace threads calls [replicaUrl]}.
 */
public final class ReplicaAckApp {

    private static final AtomicInteger RAN = new AtomicInteger();
    private static final AtomicInteger SEEN_ON_REPLICA = new AtomicInteger();
    private static volatile JedisPooled replica;
    private static volatile String namespace;

    private ReplicaAckApp() {
    }

    public static void main(String[] args) throws Exception {
        namespace = args[0];
        int threads = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        replica = args.length > 3 ? new JedisPooled(URI.create(args[3])) : null;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("none");
        AtomicLong slowestMillis = new AtomicLong();
        AtomicInteger fencesOutOfOrder = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "t" + t;
            done.add(pool.submit(() -> {
                long lastFence = 0;
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    try {
                        long fence = body(name);
                        fencesOutOfOrder.addAndGet(fence > lastFence ? 0 : 1);
                        lastFence = fence;
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet("none", e.getClass().getName() + ": " + e.getMessage());
                    }
                    slowestMillis.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                }
            }));
        }
        for (Future<?> each : done) {
            each.get();
        }
        pool.shutdown();
        report("calls.ok", ok.get());
        report("calls.failed", failed.get());
        report("calls.firstFailure", firstFailure.get());
        report("calls.slowestMillis", slowestMillis.get());
        report("calls.fencesOutOfOrder", fencesOutOfOrder.get());
        report("body.ran", RAN.get());
        report("body.seenOnReplica", SEEN_ON_REPLICA.get());
        report("api", LockApp.thrown(() -> {
            try (Locks.Held held = Locks.acquire("acked_api", Duration.ofSeconds(1))) {
                return held.fencingToken() > 0;
            }
        }));
        if (replica != null) {
            replica.close();
        }
    }

    @Locked(value = "acked_{0}", waitMillis = 0)
    static long body(String name) {
        RAN.incrementAndGet();
        JedisPooled onReplica = replica;
        if (onReplica != null && onReplica.exists(LockKeys.lock(namespace, "acked_" + name))) {
            SEEN_ON_REPLICA.incrementAndGet();
        }
        return Locks.fencingToken();
    }
}
