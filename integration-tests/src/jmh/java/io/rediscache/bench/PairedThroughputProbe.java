package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;

/**
 * A cross-check of (k) that background load cannot skew: in ONE JVM with the agent attached
 * (pool of {@link ThroughputBenchmark#POOL_SIZE}), the same threads call the hit path and the
 * floor (raw GET of the agent's key + hand decode, through a client with a pool of the same size)
 * in alternating slices of {@link #SLICE_MILLIS}, so both see the machine in the same state. A
 * call is counted in the slice in which it started. Not JMH; the JMH forks stay the reference.
 *
 * <p>Arguments: the agent's key for {@code profile("user-42")}, the measured seconds, the
 * threads. Reports {@code RESULT name=value} lines: the calls per second of each side over its
 * slices, their ratio, and the ratio's spread over pairs of neighbouring slices.
 */
public final class PairedThroughputProbe {

    static final long SLICE_MILLIS = 250;

    private PairedThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        ForkCheck.requireAgent();
        final byte[] key = args[0].getBytes(StandardCharsets.UTF_8);
        long seconds = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        final ProfileService service = new ProfileService();
        final CustomerProfile expected = ProfileService.build(CachedCallBenchmark.HIT_ID);
        try (RedisClient redis = BenchRedis.client(ThroughputBenchmark.POOL_SIZE, ThroughputBenchmark.WAIT_MILLIS)) {
            HandDecoder check = new HandDecoder();
            if (!expected.equals(service.profile(CachedCallBenchmark.HIT_ID)) || !expected.equals(check.decode(redis.get(key)))) {
                throw new IllegalStateException("hit or floor did not return the expected profile");
            }
            int warmSlices = (int) (5_000 / SLICE_MILLIS);
            int slices = warmSlices + 2 * (int) Math.max(1, seconds * 1000 / SLICE_MILLIS / 2);
            final AtomicLongArray calls = new AtomicLongArray(slices);
            final long[] wrong = new long[threads];
            final CountDownLatch done = new CountDownLatch(threads);
            final long runsBefore = ProfileService.bodyRuns();
            final SliceClock clock = new SliceClock(slices);
            for (int t = 0; t < threads; t++) {
                final int index = t;
                Thread caller = new Thread(() -> {
                    HandDecoder decoder = new HandDecoder();
                    try {
                        for (int current = clock.current(); current < slices; current = clock.current()) {
                            Object value = (current & 1) == 0 ? service.profile(CachedCallBenchmark.HIT_ID)
                                    : decoder.decode(redis.get(key));
                            calls.incrementAndGet(current);
                            if (!expected.equals(value)) {
                                wrong[index]++;
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "paired-throughput-" + t);
                caller.setDaemon(true);
                caller.start();
            }
            clock.run();
            done.await();
            long hitCalls = 0;
            long floorCalls = 0;
            double lowest = Double.MAX_VALUE;
            double highest = 0;
            for (int s = warmSlices; s + 1 < slices; s += 2) {
                hitCalls += calls.get(s);
                floorCalls += calls.get(s + 1);
                double ratio = (double) calls.get(s) / Math.max(1, calls.get(s + 1));
                lowest = Math.min(lowest, ratio);
                highest = Math.max(highest, ratio);
            }
            double measuredSeconds = (slices - warmSlices) / 2 * SLICE_MILLIS / 1000.0;
            long wrongTotal = 0;
            for (long w : wrong) {
                wrongTotal += w;
            }
            report("threads", threads);
            report("slicePairs", (slices - warmSlices) / 2);
            report("hit.opsPerSecond", hitCalls / measuredSeconds);
            report("floor.opsPerSecond", floorCalls / measuredSeconds);
            report("ratio", (double) hitCalls / Math.max(1, floorCalls));
            report("ratio.lowestPair", lowest);
            report("ratio.highestPair", highest);
            report("wrong", wrongTotal);
            report("degraded", ProfileService.bodyRuns() - runsBefore); // not atomic across threads: a lower bound
            report("hitCalls", hitCalls);
        }
    }

    /** Moves the slice number on every {@link #SLICE_MILLIS}; the callers read it before each call. */
    private static final class SliceClock {
        private final int slices;
        private volatile int current;

        SliceClock(int slices) {
            this.slices = slices;
        }

        int current() {
            return current;
        }

        void run() throws InterruptedException {
            long start = System.nanoTime();
            for (int s = 1; s <= slices; s++) {
                long due = start + s * SLICE_MILLIS * 1_000_000L;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                current = s;
            }
        }
    }

    private static void report(String name, Object value) {
        String text = value instanceof Double ? String.format(Locale.ROOT, "%.3f", value) : String.valueOf(value);
        System.out.println("RESULT " + name + "=" + text);
    }
}
