package io.rediscache.it.stampede;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.rediscache.it.harness.JvmRendezvous;
import redis.clients.jedis.JedisPooled;

/**
 * The application the stampede tests fork, reporting {@code RESULT name=value} lines.
 * <ul>
 *   <li>{@code burst url counterKey readyKey jvms threads}: {@code threads} callers, parked on a
 *       latch, are released together at one absent key, at the same moment as the other JVMs'
 *       callers (the JVMs meet on a Redis counter first).</li>
 *   <li>{@code hot url counterKey readyKey jvms threads seconds thinkMillis}: {@code threads}
 *       callers call one key with a 2-second TTL continuously (pausing {@code thinkMillis}
 *       between calls) for {@code seconds}; each call is timed, and a call whose own thread ran
 *       the body (it saw a miss) is counted.</li>
 * </ul>
 */
public final class StampedeApp {

    private StampedeApp() {
    }

    public static void main(String[] args) throws Exception {
        try (JedisPooled redis = new JedisPooled(URI.create(args[1]))) {
            SlowOrigin origin = new SlowOrigin(redis, args[2]);
            origin.quote("warm-up"); // connects, instruments and reads the cache's generation before the burst
            origin.board("warm-up");
            SlowOrigin.ranHere();
            switch (args[0]) {
                case "burst" -> burst(origin, redis, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                case "hot" -> hot(origin, redis, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]), Integer.parseInt(args[7]));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void burst(SlowOrigin origin, JedisPooled redis, String readyKey, int jvms, int threads)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Map<Object, Boolean> instances = Collections.synchronizedMap(new IdentityHashMap<>());
        AtomicInteger correct = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    go.await();
                    List<String> value = origin.quote("hot");
                    instances.put(value, Boolean.TRUE);
                    if (SlowOrigin.expected("hot").equals(value)) {
                        correct.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
            }, "caller-" + t);
            caller.start();
            callers.add(caller);
        }
        JvmRendezvous.meet(redis, readyKey, jvms);
        long startedAt = System.currentTimeMillis();
        go.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        report("startedAt", startedAt);
        report("endedAt", System.currentTimeMillis());
        report("runs", origin.runs.get());
        report("correct", correct.get());
        report("distinctInstances", instances.size());
        report("errors", errors.get());
        report("firstError", firstError.get());
    }

    private static void hot(SlowOrigin origin, JedisPooled redis, String readyKey, int jvms, int threads, int seconds,
                            int thinkMillis) throws Exception {
        JvmRendezvous.meet(redis, readyKey, jvms);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong calls = new AtomicLong();
        AtomicLong missesSeen = new AtomicLong();
        AtomicLong missesSeenAfterFill = new AtomicLong();
        AtomicLong maxNanosAfterFill = new AtomicLong();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long filled = System.nanoTime();
        origin.board("hot"); // the first fill (a miss here, or a hit on what another JVM stored)
        boolean firstWasMiss = SlowOrigin.ranHere();
        report("fillMillis", (System.nanoTime() - filled) / 1_000_000);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        long start = System.nanoTime();
                        List<String> value = origin.board("hot");
                        long took = System.nanoTime() - start;
                        calls.incrementAndGet();
                        maxNanosAfterFill.accumulateAndGet(took, Math::max);
                        if (SlowOrigin.ranHere()) {
                            missesSeenAfterFill.incrementAndGet();
                        }
                        if (!SlowOrigin.expected("hot").equals(value)) {
                            wrong.incrementAndGet();
                        }
                        Thread.sleep(thinkMillis);
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                }
            }, "caller-" + t);
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        missesSeen.set(missesSeenAfterFill.get() + (firstWasMiss ? 1 : 0));
        report("calls", calls.get());
        report("runs", origin.runs.get());
        report("missesSeen", missesSeen.get());
        report("missesSeenAfterFill", missesSeenAfterFill.get());
        report("maxMillisAfterFill", maxNanosAfterFill.get() / 1_000_000.0);
        report("wrong", wrong.get());
        report("errors", errors.get());
        report("firstError", firstError.get());
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
