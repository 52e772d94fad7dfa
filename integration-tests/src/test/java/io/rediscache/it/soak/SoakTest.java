package io.rediscache.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.rediscache.it.harness.FaultProxy;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A steady load of cached and locked calls while Redis goes down (killed, port closed for a
 * while), hangs (SIGSTOP), restarts (empty) and turns slow (50 ms added to each round trip by
 * the {@link FaultProxy} the agent connects through), one fault per period; afterwards the
 * application must be as it was: heap after a full GC within 5 % of its level before the first
 * fault, the same number of threads, never more
 * connections than the pool allows, and no lock key left in Redis.
 *
 * <p>Every CI run does a one-minute version ({@code it.soak.seconds}, default 60: faults every
 * twelve seconds, each held for three). The full soak of the reliability guarantees is five minutes
 * with a fault every minute, each held for 15 s:
 * {@code mvn -B -pl integration-tests -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.soak.seconds=300}.
 */
class SoakTest {

    private static final int POOL_SIZE = 8;
    private static final int CALLERS = 4;
    private static final long PAUSE_MICROS = 1000;
    private static final long SLOW_MILLIS = 50;

    @Test
    void faultsEveryPeriodLeaveNoTrace() throws Exception {
        long seconds = Long.getLong("it.soak.seconds", 60);
        long period = seconds / 5; // a quiet period, the four faults, and a quiet period of at least 3/4 of one
        long warmup = period;
        long hold = Math.min(15, Math.max(3, period / 4));
        List<Fault> schedule = List.of(Fault.DOWN, Fault.HUNG, Fault.RESTART, Fault.SLOW);

        try (RedisServer redis = RedisServer.start();
             FaultProxy proxy = FaultProxy.to(redis);
             ConnectionSampler connections = new ConnectionSampler(redis);
             SteppedRun app = SteppedRun.start(ForkedJvm.withAgent()
                             .set("redis.url", proxy.url())
                             .set("redis.pool.size", Integer.toString(POOL_SIZE))
                             // the agent's start-up report thread ends after this: before the baseline
                             .set("agent.unmatched.report.after", "5s")
                             .jvmOption("-Xmx256m")
                             .timeoutSeconds(seconds + 120),
                     SoakApp.class, Long.toString(seconds), Long.toString(warmup), Integer.toString(CALLERS), "200",
                     Long.toString(PAUSE_MICROS))) {
            String baseline = app.awaitLine("BASELINE", warmup + 30);
            long start = System.nanoTime();
            List<String> injected = new ArrayList<>();
            for (int i = 0; i < schedule.size(); i++) {
                sleepUntil(start, i * period);
                Fault fault = schedule.get(i);
                injected.add(fault + " at +" + (warmup + i * period) + " s for " + hold + " s");
                fault.inject(redis, proxy, hold);
            }
            String finalLine = app.awaitLine("FINAL", seconds + 30);
            ForkedJvm.Result result = app.await().assertSucceeded();
            long leftLockKeys = lockKeysLeft(redis);

            long baselineHeap = Long.parseLong(SteppedRun.field(baseline, "heap"));
            long finalHeap = Long.parseLong(SteppedRun.field(finalLine, "heap"));
            int baselineThreads = Integer.parseInt(SteppedRun.field(baseline, "threads"));
            int finalThreads = Integer.parseInt(SteppedRun.field(finalLine, "threads"));
            String figures = String.format("soak %d s, faults: %s%n  heap after full GC %,d -> %,d bytes (%+.1f %%),"
                            + " threads %d -> %d (max sampled %d), agent connections max %d (pool %d), lock keys left %d,%n"
                            + "  calls %s, hits %s, exceptions %s, wrong %s, worst %s ms, lock runs %s, unavailable %s,"
                            + " timeouts %s, other %s, overlaps %s",
                    seconds, injected, baselineHeap, finalHeap, 100.0 * (finalHeap - baselineHeap) / baselineHeap,
                    baselineThreads, finalThreads, maxSampledThreads(result), connections.max(), POOL_SIZE, leftLockKeys,
                    result.get("calls"), result.get("hits"), result.get("exceptions"), result.get("wrong"),
                    result.get("worstMillis"), result.get("lockRuns"), result.get("lockUnavailable"),
                    result.get("lockTimeouts"), result.get("lockOther"), result.get("lockOverlaps"));
            System.out.println(figures);

            long expectedCalls = CALLERS * seconds * 1_000_000 / PAUSE_MICROS;
            assertTrue(result.getLong("calls") > expectedCalls / 4, "the load kept running: " + figures);
            assertEquals(0, result.getLong("exceptions"), "first: " + result.get("firstException") + "\n" + figures);
            assertEquals(0, result.getLong("wrong"), figures);
            assertEquals(0, result.getLong("lockOther"), "first: " + result.get("firstException") + "\n" + figures);
            assertEquals(0, result.getLong("lockOverlaps"), figures);
            assertTrue(result.getLong("lockRuns") > 0 && result.getLong("lockUnavailable") > 0,
                    "locks ran, and failed closed during faults: " + figures);
            assertTrue(hitsInLastSeconds(result, 5) > 0, "caching resumed after the last fault: " + figures);
            assertTrue(finalHeap <= baselineHeap * 1.05, "heap after full GC within 5 % of the start: " + figures);
            assertEquals(baselineThreads, finalThreads, "thread count flat: " + figures);
            assertTrue(connections.max() > 0 && connections.max() <= POOL_SIZE,
                    "connections never above the pool maximum: " + figures);
            assertEquals(0, leftLockKeys, "no lock keys left behind: " + figures);
        }
    }

    /** Lock keys of the namespace (the fence counters aside, which live on purpose). */
    private static long lockKeysLeft(RedisServer redis) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            long left = 0;
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match("app|lock|*").count(500));
                left += page.getResult().stream().filter(key -> !key.endsWith("|fence")).count();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return left;
        }
    }

    private static long hitsInLastSeconds(ForkedJvm.Result result, int seconds) {
        List<String> samples = result.stdout().lines().filter(line -> line.startsWith("SAMPLE ")).toList();
        if (samples.size() <= seconds) {
            return 0;
        }
        long last = Long.parseLong(SteppedRun.field(samples.get(samples.size() - 1), "hits"));
        long earlier = Long.parseLong(SteppedRun.field(samples.get(samples.size() - 1 - seconds), "hits"));
        return last - earlier;
    }

    private static int maxSampledThreads(ForkedJvm.Result result) {
        return result.stdout().lines().filter(line -> line.startsWith("SAMPLE "))
                .mapToInt(line -> Integer.parseInt(SteppedRun.field(line, "threads"))).max().orElse(-1);
    }

    private static void sleepUntil(long startNanos, long offsetSeconds) throws InterruptedException {
        long wait = startNanos + TimeUnit.SECONDS.toNanos(offsetSeconds) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** The faults of issue 5, items 1 to 4, each held for a while and then undone. */
    private enum Fault {
        DOWN {
            @Override
            void inject(RedisServer redis, FaultProxy proxy, long holdSeconds) throws InterruptedException {
                redis.kill();
                TimeUnit.SECONDS.sleep(holdSeconds);
                redis.restart();
            }
        },
        HUNG {
            @Override
            void inject(RedisServer redis, FaultProxy proxy, long holdSeconds) throws InterruptedException {
                redis.pause();
                try {
                    TimeUnit.SECONDS.sleep(holdSeconds);
                } finally {
                    redis.resume();
                }
            }
        },
        RESTART {
            @Override
            void inject(RedisServer redis, FaultProxy proxy, long holdSeconds) {
                redis.restart();
            }
        },
        SLOW {
            @Override
            void inject(RedisServer redis, FaultProxy proxy, long holdSeconds) throws InterruptedException {
                proxy.latency(SLOW_MILLIS);
                try {
                    TimeUnit.SECONDS.sleep(holdSeconds);
                } finally {
                    proxy.pass();
                }
            }
        };

        abstract void inject(RedisServer redis, FaultProxy proxy, long holdSeconds) throws InterruptedException;
    }

    /**
     * Counts the agent's connections ({@code CLIENT LIST}, by the client name the agent sets)
     * every 50 ms from a connection of its own, and keeps the most seen at once. Samples that fail
     * (Redis down or paused) are skipped.
     */
    private static final class ConnectionSampler implements AutoCloseable {
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicLong samples = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        ConnectionSampler(RedisServer redis) {
            thread = new Thread(() -> {
                while (running) {
                    try (Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.port()),
                            DefaultJedisClientConfig.builder().timeoutMillis(500).build())) {
                        while (running) {
                            int agentClients = (int) jedis.clientList().lines()
                                    .filter(line -> line.contains(" name=redis-cache-agent ")).count();
                            max.accumulateAndGet(agentClients, Math::max);
                            samples.incrementAndGet();
                            Thread.sleep(50);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        sleepQuietly();
                    }
                }
            }, "connection-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        int max() {
            return max.get();
        }

        private static void sleepQuietly() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(2000);
        }
    }
}
