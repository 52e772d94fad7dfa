package io.rediscache.it.faults;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.Promotion;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.harness.RedisSentinelGroup;
import io.rediscache.it.harness.RedisTarget;
import io.rediscache.it.harness.RedisTls;
import io.rediscache.it.harness.SteppedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.rediscache.it.faults.FaultRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A primary is lost while 8 threads of a forked JVM with the agent call a cached method on 60
 * keys (spread over every shard): a Redis Cluster primary killed with {@code kill -9} (its replica
 * is promoted), a manual {@code CLUSTER FAILOVER} (primary and replica swap), and a Sentinel
 * primary killed with {@code kill -9}; the two kills also with every server speaking TLS only
 * ({@code redis.tls=true}, with passwords). Throughout, no caller sees an exception or a wrong value
 * (the agent fails open: a {@code MOVED}, {@code ASK}, {@code READONLY}, "max attempts" or
 * connection error becomes an uncached call), and caching resumes within 10 s of the promotion:
 * from some 250 ms window on, every complete window's hit ratio is at least 95 % of what it was
 * before the failure. No stack trace and no ERROR reach the log. The figures (promotion time,
 * windows, time to resume) are printed ({@code FAILOVER} lines) for the README.
 *
 * <p>Locks fail closed during a failover and work again after it: 4 threads call a
 * {@code @Locked} method on 12 lock names while a cluster or Sentinel primary is killed; every
 * call either runs its body holding its lock or throws {@code LockUnavailableException} or
 * {@code LockTimeoutException} (never another exception, never a body run without the lock),
 * and within 10 s of the promotion every call runs again.
 *
 * <p>Before the failure the harness waits until the replicas acknowledged every write
 * ({@code WAIT}), so the promoted replica holds the cached values; the test is about the client
 * side of a failover, not about what asynchronous replication may lose.
 */
class FailoverTest {

    private static final int THREADS = 8;
    private static final int KEYS = 60;
    private static final long RESUME_BOUND_MILLIS = 10_000;
    private static final long WINDOW_MILLIS = 250;
    private static final String[] PHASES = {"warmup", "before", "failover", "promoted"};
    private static final String TLS_PASSWORD = "failover-tls-pass-5c3";

    @Test
    void cachedCallsSurviveAClusterPrimaryKilled() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            ForkedJvm jvm = ForkedJvm.withAgent().set("redis.cluster.nodes", cluster.nodes());
            failOver("cluster, kill -9 of a primary", jvm, cluster::awaitReplication,
                    () -> cluster.killPrimaryOf("failover"));
        }
    }

    @Test
    void cachedCallsSurviveAManualClusterFailover() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            ForkedJvm jvm = ForkedJvm.withAgent().set("redis.cluster.nodes", cluster.nodes());
            failOver("cluster, CLUSTER FAILOVER", jvm, cluster::awaitReplication,
                    () -> cluster.failoverReplicaOf(cluster.primaryOf("failover")));
        }
    }

    @Test
    void cachedCallsSurviveASentinelPrimaryKilled() throws Exception {
        try (RedisSentinelGroup group = RedisSentinelGroup.start()) {
            ForkedJvm jvm = ForkedJvm.withAgent()
                    .set("redis.sentinel.nodes", group.sentinelNodes())
                    .set("redis.sentinel.master", group.masterName());
            failOver("Sentinel, kill -9 of the primary", jvm, group::awaitReplication, group::killPrimary);
        }
    }

    @Test
    void cachedCallsSurviveAClusterPrimaryKilledOverTls(@TempDir Path directory) throws Exception {
        RedisTls tls = RedisTls.issue(directory);
        try (RedisCluster cluster = RedisCluster.startTls(TLS_PASSWORD, tls)) {
            ForkedJvm jvm = overTls(ForkedJvm.withAgent().set("redis.cluster.nodes", cluster.nodes()), tls);
            failOver("cluster over TLS, kill -9 of a primary", jvm, cluster::awaitReplication,
                    () -> cluster.killPrimaryOf("failover"));
        }
    }

    @Test
    void cachedCallsSurviveASentinelPrimaryKilledOverTls(@TempDir Path directory) throws Exception {
        RedisTls tls = RedisTls.issue(directory);
        try (RedisSentinelGroup group = RedisSentinelGroup.startTls(TLS_PASSWORD, null, tls)) {
            ForkedJvm jvm = overTls(ForkedJvm.withAgent()
                    .set("redis.sentinel.nodes", group.sentinelNodes())
                    .set("redis.sentinel.master", group.masterName()), tls);
            failOver("Sentinel over TLS, kill -9 of the primary", jvm, group::awaitReplication, group::killPrimary);
        }
    }

    private static ForkedJvm overTls(ForkedJvm jvm, RedisTls tls) {
        return jvm.set("redis.password", TLS_PASSWORD).set("redis.tls", "true").set("redis.tls.ca", tls.caFile().toString());
    }

    @Test
    void locksFailClosedDuringAClusterFailoverAndWorkAfterIt() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            lockFailOver("cluster, kill -9 of a primary", ForkedJvm.withAgent().set("redis.cluster.nodes", cluster.nodes()),
                    cluster::awaitReplication, () -> cluster.killPrimaryOf("failover"));
        }
    }

    @Test
    void locksFailClosedDuringASentinelFailoverAndWorkAfterIt() throws Exception {
        try (RedisSentinelGroup group = RedisSentinelGroup.start()) {
            lockFailOver("Sentinel, kill -9 of the primary", ForkedJvm.withAgent()
                            .set("redis.sentinel.nodes", group.sentinelNodes())
                            .set("redis.sentinel.master", group.masterName()),
                    group::awaitReplication, group::killPrimary);
        }
    }

    private static void lockFailOver(String scenario, ForkedJvm jvm, Runnable awaitReplication, Supplier<Promotion> failure)
            throws Exception {
        Path stop = SteppedRun.newGoFile();
        long killedAt;
        long promotedAt;
        Promotion promotion;
        ForkedJvm.Result result;
        try (SteppedRun run = SteppedRun.start(jvm.set("cache.namespace", RedisTarget.uniqueNamespace("failover-locks")),
                FailoverLockApp.class, stop.toString(), "4")) {
            run.awaitLine("STARTED", 30);
            Thread.sleep(1500);
            awaitReplication.run();
            killedAt = System.currentTimeMillis();
            promotion = failure.get();
            promotedAt = System.currentTimeMillis();
            Thread.sleep(RESUME_BOUND_MILLIS + 1000);
            SteppedRun.signal(stop);
            result = run.await().assertSucceeded();
        }
        long[][] windows = lockWindows(result.get("windows"));
        long[] before = totals(windows, Long.MIN_VALUE, killedAt - WINDOW_MILLIS);
        long[] during = totals(windows, killedAt, promotedAt);
        long resumedAt = firstFromWhichAllRan(windows, promotedAt);
        long[] total = totals(windows, Long.MIN_VALUE, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "FAILOVER %s, @Locked: promotion took %d ms; %d calls: %d ran, %d refused (failed"
                        + " closed), %d other exceptions, %s overlaps; before the kill %d ran, %d refused; during the"
                        + " failover %d ran, %d refused; every call runs again from the window starting %d ms after the"
                        + " promotion%n", scenario, promotion.took().toMillis(), total[0] + total[1] + total[2], total[0],
                total[1], total[2], result.get("overlaps"), before[0], before[1], during[0], during[1], resumedAt - promotedAt);
        assertEquals(0, total[2], "only LockUnavailableException or LockTimeoutException: " + result.get("firstOther"));
        assertTrue(before[0] > 0 && before[1] == 0, "before the kill every call ran: " + result.get("windows"));
        assertTrue(resumedAt - promotedAt <= RESUME_BOUND_MILLIS, "within 10 s of the promotion every call runs"
                + " again: " + result.get("windows") + "\n" + result.stderr());
        assertFalse(result.stderr().contains("\tat "), result.stderr());
    }

    /** {@code start:ran/refused/other;…} as rows {start, ran, refused, other}. */
    private static long[][] lockWindows(String text) {
        String[] parts = text.split(";");
        long[][] rows = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String[] startAndCounts = parts[i].split(":");
            String[] counts = startAndCounts[1].split("/");
            rows[i] = new long[] {Long.parseLong(startAndCounts[0]), Long.parseLong(counts[0]), Long.parseLong(counts[1]),
                Long.parseLong(counts[2])};
        }
        return rows;
    }

    /** Ran, refused and other calls of the windows starting in [{@code from}, {@code to}). */
    private static long[] totals(long[][] windows, long from, long to) {
        long[] sums = new long[3];
        for (long[] window : windows) {
            if (window[0] >= from && window[0] < to) {
                for (int i = 0; i < 3; i++) {
                    sums[i] += window[i + 1];
                }
            }
        }
        return sums;
    }

    /** The start of the first window after {@code from} from which every later window but the last ran every call. */
    private static long firstFromWhichAllRan(long[][] windows, long from) {
        long first = Long.MAX_VALUE;
        for (int i = windows.length - 2; i >= 0 && windows[i][0] >= from && windows[i][2] == 0 && windows[i][3] == 0; i--) {
            first = windows[i][0];
        }
        return first;
    }

    private static void failOver(String scenario, ForkedJvm jvm, Runnable awaitReplication, Supplier<Promotion> failure)
            throws Exception {
        ForkedJvm.Result result;
        Promotion promotion;
        try (FaultRun run = FaultRun.start(jvm.set("cache.namespace", RedisTarget.uniqueNamespace("failover")),
                "warmup", THREADS, KEYS)) {
            run.awaitFirstHit("warmup");
            Thread.sleep(1000); // every key cached
            awaitReplication.run();
            run.enter("before");
            Thread.sleep(1500);
            run.enter("failover");
            promotion = failure.get();
            run.enter("promoted"); // its windows count from the promotion
            Thread.sleep(RESUME_BOUND_MILLIS + 1000);
            result = run.finish().assertSucceeded();
        }
        double level = FaultRun.completeWindowsHitPercent(result, "before");
        double[] promoted = FaultRun.numbers(result.get("promoted.windowHitPercent"));
        int resumed = FaultRun.firstWindowFromWhichAllReach(promoted, 0.95 * level);
        long resumedMillis = resumed < 0 ? -1 : (resumed + 1) * WINDOW_MILLIS;
        String stderr = result.stderr();
        System.out.printf(Locale.ROOT, "FAILOVER %s: promotion took %d ms; %d calls from %d threads, %d exceptions, %d wrong;"
                        + " hit ratio before %.1f %%; during the failover %s calls (%s hits); after the promotion, windows"
                        + " %s (%% hits per 250 ms), back to >= 95 %% of the level in the window ending %d ms after it;"
                        + " worst call %s ms%n", scenario, promotion.took().toMillis(), result.getLong("total.calls"),
                THREADS, sum(result, "exceptions"), sum(result, "wrong"), level, result.get("failover.calls"),
                result.get("failover.hits"), result.get("promoted.windowHitPercent"), resumedMillis,
                worst(result));

        for (String phase : PHASES) {
            assertEquals(0, result.getLong(phase + ".exceptions"), phase + ": " + result.get(phase + ".firstException"));
            assertEquals(0, result.getLong(phase + ".wrong"), phase + "\n" + result.describe());
        }
        assertTrue(level > 90, "caching worked before the failure: " + level + " %\n" + result.describe());
        assertTrue(resumed >= 0 && resumedMillis <= RESUME_BOUND_MILLIS, "caching resumed within 10 s of the promotion:"
                + " windows " + result.get("promoted.windowHitPercent") + "\n" + stderr);
        assertTrue(promoted.length * WINDOW_MILLIS >= RESUME_BOUND_MILLIS + WINDOW_MILLIS,
                "the run lasted past the 10 s after the promotion: " + promoted.length + " windows");
        assertEquals(0, result.stdout().lines().filter(line -> !line.startsWith("RESULT ") && line.contains("Exception")).count(),
                "no exception reaches the application:\n" + result.stdout());
        for (String error : new String[] {"READONLY", "MOVED", "ASK ", "max attempts", "\tat "}) {
            assertEquals(0, lines(stderr, error), "'" + error + "' in the log:\n" + stderr);
        }
        assertFalse(stderr.contains("[ERROR]"), stderr);
    }

    private static long sum(ForkedJvm.Result result, String field) {
        long total = 0;
        for (String phase : PHASES) {
            total += result.getLong(phase + "." + field);
        }
        return total;
    }

    private static long worst(ForkedJvm.Result result) {
        long worst = 0;
        for (String phase : PHASES) {
            worst = Math.max(worst, result.getLong(phase + ".worstMillis"));
        }
        return worst;
    }
}
