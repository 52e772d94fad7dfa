package io.rediscache.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.params.ScanParams;
import io.rediscache.agent.shaded.redis.clients.jedis.resps.ScanResult;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this package against a {@code redis-server} of its own (a free
 * loopback port, never 6379), and writes the results table to {@code <out>/results.md}.
 *
 * <p>Order matters: the hit benchmark (agent attached) runs first and leaves the agent's entry for
 * {@code profile("user-42")} in Redis; a check follows that this entry holds exactly the bytes
 * the agent's codec makes of the expected value; the floor (no agent) then reads that same key.
 * Hit and floor, each in AverageTime and SampleTime, alternate one fork at a time for
 * {@code bench.rounds} rounds, so that both see the same background load (this machine may be
 * shared); each is reported over the iterations of all its rounds. Then a paired cross-check
 * ({@link PairedHitProbe}); the near hit ({@link NearHitBenchmark}) and its floors without the agent
 * ({@link NearFloorBenchmark}: a plain Caffeine get, and a Caffeine get plus a decode of the same
 * bytes), alternating likewise; the uncontended lock (agent attached) and its floor (no agent),
 * alternating in the same way, their paired cross-check ({@link PairedLockProbe}) and the lock
 * hand-over between two threads ({@link LockHandoverProbe}); where the agent does not cache
 * ({@link AgentOffBenchmark}: an uninstrumented method with and without the agent, a cached one
 * with the circuit breaker open, and the body alone), alternating likewise; the keys, with
 * JMH's GC profiler; the throughput of hit and floor at 1 to 16 threads
 * ({@link ThroughputBenchmark}); last, the miss, its floor ({@link MissFloorBenchmark}) and the
 * miss with {@code cache.write.async=true}, alternating likewise, which leave many keys behind (deleted after each run); part
 * {@code cluster}: the hit, the miss and the throughput at 8 threads over keys in all slots
 * ({@link SpreadThroughputBenchmark}), each with the agent on the one server and on a Redis Cluster of
 * its own ({@link BenchCluster}), alternating likewise ({@link ClusterResultsTable}); and the value's
 * size in three formats ({@link ValueSizes}). Each JMH fork is a fresh JVM with the same heap
 * settings; only the {@code -javaagent} and its configuration differ.
 *
 * <p>Usage (see {@code integration-tests/bench.sh}): {@code BenchmarkMain <output folder>},
 * with {@code -Dagent.jar=…}; optional {@code -Dbench.warmups=3 -Dbench.iterations=5
 * -Dbench.time=2s -Dbench.forks=1 -Dbench.rounds=3 -Dbench.pin=true -Dbench.profilers=gc,stack
 * -Dbench.paired.seconds=10 -Dbench.handover.seconds=10
 * -Dbench.parts=hit,near,locks,agentoff,keys,throughput,miss,cluster,sizes} (all by default).
 */
public final class BenchmarkMain {

    private static final String PACKAGE = BenchmarkMain.class.getPackage().getName() + ".";
    static final int ROUNDS = Math.max(1, Integer.getInteger("bench.rounds", 3));
    /** The machine's CPUs, counted before this JVM is pinned to one of them. */
    static final int CPUS = Runtime.getRuntime().availableProcessors();
    /** The parts {@code -Dbench.parts} may choose from, in the order they run. */
    static final List<String> PARTS = List.of("hit", "near", "locks", "agentoff", "keys", "throughput", "miss", "cluster", "sizes");
    static final String COMMAND = "integration-tests/bench.sh  (= mvn -B -Pbench -pl integration-tests -am verify -DskipTests)";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args.length > 0 ? args[0] : "target/benchmark").toAbsolutePath();
        Files.createDirectories(out);
        Path agentJar = ForkedJvm.agentJar();
        RedisServer redis = RedisServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "bench-redis-stop"));
        try {
            run(out, agentJar, redis);
        } finally {
            redis.close();
        }
    }

    private static void run(Path out, Path agentJar, RedisServer redis) throws Exception {
        System.setProperty(BenchRedis.URL_PROPERTY, redis.url());
        Set<String> parts = parts();
        String placement = pin(redis);
        Properties settings = new Properties();
        settings.setProperty("redis.url", redis.url());
        settings.setProperty("cache.namespace", "bench");
        settings.setProperty("agent.log.level", "warn");
        Path config = writeConfig(out.resolve("agent.properties"), settings);
        Properties pooled = (Properties) settings.clone();
        pooled.setProperty("redis.pool.size", Integer.toString(ThroughputBenchmark.POOL_SIZE));
        pooled.setProperty("redis.timeout.socket", ThroughputBenchmark.WAIT_MILLIS + "ms");
        pooled.setProperty("redis.pool.wait", ThroughputBenchmark.WAIT_MILLIS + "ms");
        Path throughputConfig = writeConfig(out.resolve("agent-throughput.properties"), pooled);
        Properties unreachable = (Properties) settings.clone();
        unreachable.setProperty("redis.url", "redis://127.0.0.1:" + closedPort());
        unreachable.setProperty("agent.log.level", "error"); // the outage is the point: no warning about it
        Path breakerConfig = writeConfig(out.resolve("agent-unreachable.properties"), unreachable);
        Properties asyncWrites = (Properties) settings.clone();
        asyncWrites.setProperty("cache.write.async", "true");
        Path asyncConfig = writeConfig(out.resolve("agent-async-write.properties"), asyncWrites);
        Path checks = Files.write(out.resolve("checks.txt"), new byte[0]); // empty: the trials append
        Path figures = Files.write(out.resolve("figures.txt"), new byte[0]);
        String[] common = {"-Xms1g", "-Xmx1g", "-D" + BenchRedis.URL_PROPERTY + "=" + redis.url(),
            "-D" + ForkCheck.CHECKS_PROPERTY + "=" + checks, "-D" + ForkCheck.FIGURES_PROPERTY + "=" + figures};
        String[] withAgent = append(common, "-javaagent:" + agentJar + "=config=" + config);
        LoadWatch load = LoadWatch.start();
        List<RunResult> results = new ArrayList<>();

        // (a) and (b), in both modes, alternate one fork at a time so that both see the same
        // background load: round 1 runs hit, floor, floor, hit; round 2 the reverse; and so on.
        Map<String, List<RunResult>> rounds = new LinkedHashMap<>();
        Stored stored = null;
        String[] withoutAgent = common;
        ForkedJvm.Result paired = null;
        if (parts.contains("hit")) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (String run : inRoundOrder(round, "hit-average", "floor-average", "floor-sample", "hit-sample")) {
                    boolean hit = run.startsWith("hit");
                    Mode mode = run.endsWith("average") ? Mode.AverageTime : Mode.SampleTime;
                    rounds.computeIfAbsent(run, r -> new ArrayList<>()).addAll(jmh(out, run + "-" + round, mode, 1,
                            hit ? withAgent : withoutAgent, hit ? "CachedCallBenchmark.hit" : "FloorBenchmark.rawGetAndDecode"));
                    if (stored == null) {
                        stored = storedHit();
                        withoutAgent = append(common, "-D" + FloorBenchmark.KEY_PROPERTY + "=" + stored.key);
                    }
                }
            }
            for (List<RunResult> runs : rounds.values()) {
                results.add(merge(runs));
            }
            paired = paired(redis, stored.key);
        }

        // (m) the near hit (agent attached) and its floors (no agent), alternating likewise.
        Map<String, List<RunResult>> near = new LinkedHashMap<>();
        if (parts.contains("near")) {
            String[] nearFloor = null;
            for (int round = 1; round <= ROUNDS; round++) {
                for (String run : inRoundOrder(round, "near-hit", "near-floor")) {
                    if (run.equals("near-hit")) {
                        collect(near, run, jmh(out, run + "-" + round, Mode.AverageTime, 1, withAgent,
                                OverheadResultsTable.NEAR_HIT));
                        if (nearFloor == null) {
                            nearFloor = append(common, "-D" + NearFloorBenchmark.KEY_PROPERTY + "="
                                    + stored("profiles-near").key);
                        }
                    } else {
                        collect(near, run, jmh(out, run + "-" + round, Mode.AverageTime, 1, nearFloor,
                                OverheadResultsTable.NEAR_FLOOR_OBJECT, OverheadResultsTable.NEAR_FLOOR_DECODE));
                    }
                }
            }
        }

        // (f) and (g), the locks, alternate one fork at a time likewise; then (h), the hand-over.
        Map<String, List<RunResult>> lockRounds = new LinkedHashMap<>();
        String locks = "";
        if (parts.contains("locks")) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (String run : inRoundOrder(round, "locked", "lock-floor")) {
                    boolean locked = run.equals("locked");
                    lockRounds.computeIfAbsent(run, r -> new ArrayList<>()).addAll(jmh(out, run + "-" + round,
                            Mode.AverageTime, 1, locked ? withAgent : common, locked ? LockResultsTable.LOCKED : LockResultsTable.FLOOR));
                }
            }
            for (List<RunResult> runs : lockRounds.values()) {
                results.add(merge(runs));
            }
            ForkedJvm.Result pairedLocks = pairedLocks(redis);
            ForkedJvm.Result handover = handover(redis);
            locks = LockResultsTable.render(results, lockRounds.get("locked"), lockRounds.get("lock-floor"),
                    Files.readAllLines(figures), pairedLocks, handover);
        }

        // (i) an uninstrumented method with and without the agent, (d) a cached method without the
        // agent and (j) with the agent and its circuit breaker open, alternating likewise.
        Map<String, List<RunResult>> agentOff = new LinkedHashMap<>();
        if (parts.contains("agentoff")) {
            String[] breakerOpen = append(common, "-javaagent:" + agentJar + "=config=" + breakerConfig);
            for (int round = 1; round <= ROUNDS; round++) {
                for (String run : inRoundOrder(round, "plain-agent", "plain-no-agent", "breaker-open")) {
                    Collection<RunResult> runResults = run.equals("plain-agent")
                            ? jmh(out, run + "-" + round, Mode.AverageTime, 1, withAgent, OverheadResultsTable.UNINSTRUMENTED)
                            : run.equals("breaker-open")
                            ? jmh(out, run + "-" + round, Mode.AverageTime, 1, breakerOpen, OverheadResultsTable.BREAKER_OPEN)
                            : jmh(out, run + "-" + round, Mode.AverageTime, 1, common, OverheadResultsTable.UNINSTRUMENTED,
                                    OverheadResultsTable.BODY_ALONE);
                    collect(agentOff, run, runResults);
                }
            }
            results.add(merge(agentOff.get("plain-no-agent " + OverheadResultsTable.BODY_ALONE)));
        }

        // (e) the keys, with the allocation per call (JMH's GC profiler).
        if (parts.contains("keys")) {
            results.addAll(jmh(out, "keys-average", Mode.AverageTime, 1, common, List.of("gc"),
                    "KeyBenchmark.fourArguments", "KeyBenchmark.oneString"));
        }

        // (k) throughput of the hit path against its floor, 1 to 16 threads, alternating per thread count.
        Map<String, List<RunResult>> throughput = new LinkedHashMap<>();
        String pairedThroughput = "";
        if (parts.contains("throughput")) {
            if (stored == null) {
                seedHit(redis);
                stored = storedHit();
                withoutAgent = append(common, "-D" + FloorBenchmark.KEY_PROPERTY + "=" + stored.key);
            }
            String[] pooledAgent = append(common, "-javaagent:" + agentJar + "=config=" + throughputConfig);
            int step = 0;
            for (int threads : OverheadResultsTable.THREADS) {
                for (String run : inRoundOrder(++step, "hit", "floor")) {
                    boolean hit = run.equals("hit");
                    collect(throughput, run + "-" + threads, jmh(out, "throughput-" + run + "-" + threads, Mode.Throughput,
                            threads, hit ? pooledAgent : withoutAgent, hit ? "ThroughputBenchmark.hit" : "ThroughputBenchmark.floor"));
                }
            }
            pairedThroughput = pairedThroughput(redis, stored.key);
        }

        // (c), (c') and (c''), the misses, alternating likewise; last: they leave many keys behind,
        // deleted after each run.
        Map<String, List<RunResult>> misses = new LinkedHashMap<>();
        if (parts.contains("miss")) {
            String[] asyncAgent = append(common, "-javaagent:" + agentJar + "=config=" + asyncConfig,
                    "-D" + CachedCallBenchmark.ASYNC_PROPERTY + "=true");
            for (int round = 1; round <= ROUNDS; round++) {
                for (String run : inRoundOrder(round, "miss", "miss-floor", "miss-async")) {
                    collect(misses, run, jmh(out, run + "-" + round, Mode.AverageTime, 1,
                            run.equals("miss") ? withAgent : run.equals("miss-async") ? asyncAgent : common,
                            run.equals("miss-floor") ? OverheadResultsTable.MISS_FLOOR : OverheadResultsTable.MISS));
                    deleteFreshKeys();
                }
            }
            results.add(merge(misses.get("miss " + OverheadResultsTable.MISS)));
        }
        // Part cluster: (a), (c) and (k'') with the agent on the one server above, then on a Redis Cluster,
        // alternating likewise; the cluster's six nodes run only for this part.
        Map<String, List<RunResult>> clusterRuns = new LinkedHashMap<>();
        if (parts.contains("cluster")) {
            try (BenchCluster cluster = BenchCluster.start()) {
                if (placement.startsWith("redis-server pinned")) {
                    for (long pid : cluster.pids()) {
                        taskset("1", pid);
                    }
                }
                stored = clusterPart(out, cluster, settings, pooled, common, agentJar, config, throughputConfig, stored,
                        clusterRuns);
            }
        }
        ValueSizes sizes = parts.contains("sizes") ? ValueSizes.of(ProfileService.build(CachedCallBenchmark.HIT_ID)) : null;

        load.stop();
        String overheads = OverheadResultsTable.render(near, misses, agentOff, results, throughput,
                Files.readAllLines(figures), sizes) + pairedThroughput
                + ClusterResultsTable.render(clusterRuns, Files.readAllLines(figures), placement);
        String table = ResultsTable.render(results, rounds.get("hit-average"), rounds.get("floor-average"),
                paired, stored == null ? -1 : stored.bytes, missValueBytes(), redisVersion(), placement, load.describe(),
                locks + overheads, Files.readAllLines(checks));
        Files.writeString(out.resolve("results.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("Written to " + out.resolve("results.md"));
    }

    /**
     * Part {@code cluster}: (a) the hit, (c) the miss and (k'') the throughput of
     * {@link SpreadThroughputBenchmark}, each with the agent configured with {@code redis.url} (the
     * one server) and with {@code redis.cluster.nodes}, alternating fork by fork for
     * {@link #ROUNDS} rounds; results under "{hit|miss|spread}-{single|cluster}". Checks, after
     * the first forks, that the agent stored the same bytes for (a) on both.
     *
     * @return the hit's entry on the one server
     */
    private static Stored clusterPart(Path out, BenchCluster cluster, Properties settings, Properties pooled,
                                      String[] common, Path agentJar, Path config, Path throughputConfig, Stored stored,
                                      Map<String, List<RunResult>> into) throws Exception {
        String[] single = append(common, "-javaagent:" + agentJar + "=config=" + config);
        String[] singlePooled = append(common, "-javaagent:" + agentJar + "=config=" + throughputConfig);
        // the cluster's forks name no single server, so nothing in them can measure or count against it by mistake
        String[] clusterCommon = new String[common.length];
        for (int i = 0; i < common.length; i++) {
            clusterCommon[i] = common[i].startsWith("-D" + BenchRedis.URL_PROPERTY + "=")
                    ? "-D" + BenchRedis.NODES_PROPERTY + "=" + cluster.primaries() : common[i];
        }
        String[] onCluster = append(clusterCommon, "-javaagent:" + agentJar + "=config="
                + writeConfig(out.resolve("agent-cluster.properties"), onCluster(settings, cluster)));
        String[] onClusterPooled = append(clusterCommon, "-javaagent:" + agentJar + "=config="
                + writeConfig(out.resolve("agent-cluster-throughput.properties"), onCluster(pooled, cluster)));
        boolean clusterChecked = false;
        for (String kind : List.of("hit", "miss", "spread")) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (String where : inRoundOrder(round, "single", "cluster")) {
                    boolean onOne = where.equals("single");
                    String name = "cluster-part-" + kind + "-" + where + "-" + round;
                    Collection<RunResult> runResults = kind.equals("spread")
                            ? jmh(out, name, Mode.Throughput, SpreadThroughputBenchmark.THREADS,
                                    onOne ? singlePooled : onClusterPooled, ClusterResultsTable.SPREAD)
                            : jmh(out, name, Mode.AverageTime, 1, onOne ? single : onCluster,
                                    kind.equals("hit") ? ClusterResultsTable.HIT : OverheadResultsTable.MISS);
                    into.computeIfAbsent(kind + "-" + where, k -> new ArrayList<>()).addAll(runResults);
                    if (kind.equals("miss")) {
                        if (onOne) {
                            deleteFreshKeys();
                        } else {
                            System.out.printf("%nDeleted the %d keys the miss run stored on the cluster.%n",
                                    cluster.deleteFreshKeys());
                        }
                    }
                    if (kind.equals("hit") && onOne && stored == null) {
                        stored = storedHit();
                    }
                    if (kind.equals("hit") && !onOne && !clusterChecked) {
                        byte[] bytes = cluster.get(stored == null ? storedHit().key : stored.key);
                        if (!Arrays.equals(bytes, expectedHitBytes())) {
                            throw new IllegalStateException("the agent stored " + (bytes == null ? "nothing" : bytes.length
                                    + " other bytes") + " on the cluster under the one server's key for (a)");
                        }
                        System.out.printf("%nThe cluster holds the same %d bytes under the same key.%n", bytes.length);
                        clusterChecked = true;
                    }
                }
            }
        }
        return stored;
    }

    /** {@code settings} with {@code redis.cluster.nodes} instead of {@code redis.url}. */
    private static Properties onCluster(Properties settings, BenchCluster cluster) {
        Properties onCluster = (Properties) settings.clone();
        onCluster.remove("redis.url");
        onCluster.setProperty("redis.cluster.nodes", cluster.nodes());
        return onCluster;
    }

    /** {@code -Dbench.parts}: which parts to run, comma-separated; all by default. */
    private static Set<String> parts() {
        Set<String> all = new LinkedHashSet<>(PARTS);
        String chosen = System.getProperty("bench.parts", "").trim();
        if (chosen.isEmpty() || chosen.equals("all")) {
            return all;
        }
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(chosen.split("\\s*,\\s*")));
        if (!all.containsAll(parts)) {
            throw new IllegalArgumentException("-Dbench.parts=" + chosen + ": expected some of " + String.join(",", PARTS));
        }
        return parts;
    }

    /** Round 1 runs the runs as given, round 2 in reverse, and so on. */
    private static List<String> inRoundOrder(int round, String... runs) {
        List<String> order = new ArrayList<>(Arrays.asList(runs));
        if (round % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    /** Files each benchmark's result of one run under "{run} {benchmark}", round after round. */
    private static void collect(Map<String, List<RunResult>> into, String run, Collection<RunResult> results) {
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark().substring(PACKAGE.length());
            into.computeIfAbsent(run + " " + benchmark, r -> new ArrayList<>()).add(result);
        }
    }

    private static Path writeConfig(Path file, Properties settings) throws IOException {
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(writer, "written by BenchmarkMain");
        }
        return file;
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Deletes what the miss benchmarks stored ({@code SCAN} + {@code UNLINK}), so each miss run starts alike. */
    private static void deleteFreshKeys() {
        long deleted = 0;
        try (RedisClient client = BenchRedis.client()) {
            ScanParams match = new ScanParams().match("bench|profiles-fresh|*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, match);
                if (!page.getResult().isEmpty()) {
                    deleted += client.unlink(page.getResult().toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        System.out.printf("%nDeleted the %d keys the miss run stored.%n", deleted);
    }

    /** Has the agent store profile("user-42"), in a JVM of its own, when the hit benchmark did not run. */
    private static void seedHit(RedisServer redis) throws Exception {
        ForkedJvm.Result result = agentProbe(redis).run(HitSeed.class).assertSucceeded();
        if (!result.get("hit").equals("true")) {
            throw new IllegalStateException("the agent did not store profile(" + CachedCallBenchmark.HIT_ID + "): "
                    + result.describe());
        }
    }

    private static Collection<RunResult> jmh(Path out, String name, Mode mode, int threads, String[] jvmArgs,
                                             String... benchmarks) throws RunnerException {
        return jmh(out, name, mode, threads, jvmArgs, List.of(), benchmarks);
    }

    /** Runs {@code benchmarks} in forks of their own with {@code jvmArgs}, with {@code profilers} besides {@code -Dbench.profilers}. */
    private static Collection<RunResult> jmh(Path out, String name, Mode mode, int threads, String[] jvmArgs,
                                             List<String> profilers, String... benchmarks) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode)
                .timeUnit(mode == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS)
                .warmupIterations(Integer.getInteger("bench.warmups", 3))
                .warmupTime(TimeValue.fromString(System.getProperty("bench.time", "2s")))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .measurementTime(TimeValue.fromString(System.getProperty("bench.time", "2s")))
                .forks(Integer.getInteger("bench.forks", 1))
                .threads(threads)
                .jvmArgsAppend(jvmArgs)
                .shouldFailOnError(true)
                .result(out.resolve("jmh-" + name + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        for (String benchmark : benchmarks) {
            options.include("^" + (PACKAGE + benchmark).replace(".", "\\.") + "$");
        }
        Set<String> allProfilers = new LinkedHashSet<>(profilers);
        String configured = System.getProperty("bench.profilers", "").trim();
        if (!configured.isEmpty()) {
            for (String profiler : configured.split(",")) {
                allProfilers.add(profiler.trim());
            }
        }
        for (String profiler : allProfilers) {
            options.addProfiler(profiler);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != benchmarks.length) {
            throw new IllegalStateException("expected " + benchmarks.length + " results in run " + name + ", got "
                    + results.size() + ": is the benchmark list (META-INF/BenchmarkList) stale?");
        }
        return results;
    }

    /** The agent's entry for profile("user-42"): the only key of cache 'profiles'. */
    private static Stored storedHit() throws Exception {
        return stored("profiles");
    }

    /** The agent's entry for "user-42" in {@code cacheName}, which must be its only key there. */
    private static Stored stored(String cacheName) throws Exception {
        try (RedisClient client = BenchRedis.client()) {
            return stored(client, cacheName);
        }
    }

    private static Stored stored(RedisClient client, String cacheName) throws Exception {
        List<String> keys = new ArrayList<>();
        ScanParams match = new ScanParams().match("bench|" + cacheName + "|*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        if (keys.size() != 1) {
            throw new IllegalStateException("expected exactly one key in cache '" + cacheName + "' after the agent's"
                    + " benchmark, found " + keys);
        }
        String key = keys.get(0);
        byte[] bytes = client.get(key.getBytes(StandardCharsets.UTF_8));
        byte[] expected = expectedHitBytes();
        if (!Arrays.equals(bytes, expected)) {
            throw new IllegalStateException("the agent stored " + (bytes == null ? "nothing" : bytes.length + " bytes")
                    + " under " + key + ", not the " + expected.length + " bytes its codec makes of the expected profile");
        }
        long ttl = client.pttl(key);
        if (ttl <= 0) {
            throw new IllegalStateException(key + " has no TTL: " + ttl);
        }
        System.out.printf("%nThe agent stored %d bytes under %s (TTL %d s left); the floor reads that key.%n",
                bytes.length, key, TimeUnit.MILLISECONDS.toSeconds(ttl));
        return new Stored(key, bytes.length);
    }

    /** What the agent's codec makes of profile("user-42"): the bytes (a) must find in Redis. */
    private static byte[] expectedHitBytes() throws Exception {
        return new KryoCodec(io.rediscache.agent.codec.ClassAllowList.jdkOnly()).encode(ProfileService.build(CachedCallBenchmark.HIT_ID),
                BenchmarkMain.class.getClassLoader());
    }

    /** Size of a value the miss benchmark stores ("u" + 7 base-36 digits, as long as "user-42"). */
    private static int missValueBytes() throws Exception {
        return new KryoCodec(io.rediscache.agent.codec.ClassAllowList.jdkOnly()).encode(ProfileService.build("u" + Long.toString(2_176_782_336L + 12_345, 36)),
                BenchmarkMain.class.getClassLoader()).length;
    }

    private static String redisVersion() {
        try (RedisClient client = BenchRedis.client()) {
            for (String line : client.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).trim();
                }
            }
        }
        return "unknown";
    }

    /** Runs {@link PairedHitProbe} in a JVM with the agent attached, configured as for the JMH forks. */
    /** (k), cross-checked at 8 threads in one JVM with the agent ({@link PairedThroughputProbe}); a paragraph of the report. */
    private static String pairedThroughput(RedisServer redis, String hitKey) throws Exception {
        int threads = 8;
        System.out.println("\nPaired cross-check of the throughput: hit and floor in alternating slices, " + threads
                + " threads, one JVM with the agent...");
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", "bench")
                .set("agent.log.level", "warn")
                .set("redis.pool.size", Integer.toString(ThroughputBenchmark.POOL_SIZE))
                .set("redis.timeout.socket", ThroughputBenchmark.WAIT_MILLIS + "ms")
                .set("redis.pool.wait", ThroughputBenchmark.WAIT_MILLIS + "ms")
                .jvmOption("-Xms1g")
                .jvmOption("-Xmx1g")
                .jvmOption("-D" + BenchRedis.URL_PROPERTY + "=" + redis.url())
                .timeoutSeconds(180)
                .run(PairedThroughputProbe.class, hitKey, System.getProperty("bench.paired.seconds", "10"),
                        Integer.toString(threads))
                .assertSucceeded();
        long hitCalls = result.getLong("hitCalls");
        if (result.getLong("wrong") != 0 || result.getLong("degraded") > ThroughputBenchmark.tolerated(hitCalls)) {
            throw new IllegalStateException("the paired throughput cross-check did not measure hits: " + result.describe());
        }
        System.out.println(result.results());
        return String.format(Locale.ROOT, "%n(k) cross-checked: %s threads in one JVM with the agent, hit and floor in"
                        + " alternating slices of %d ms (%s pairs of slices after 5 s of warm-up): hit %s ops/s, floor %s"
                        + " ops/s, ratio **%s** (lowest pair %s, highest %s).%n", result.get("threads"),
                PairedThroughputProbe.SLICE_MILLIS, result.get("slicePairs"), result.get("hit.opsPerSecond"),
                result.get("floor.opsPerSecond"), result.get("ratio"), result.get("ratio.lowestPair"),
                result.get("ratio.highestPair"));
    }

    private static ForkedJvm.Result paired(RedisServer redis, String hitKey) throws Exception {
        System.out.println("\nPaired cross-check: hit and floor alternating call by call in one JVM with the agent...");
        ForkedJvm.Result result = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", "bench")
                .set("agent.log.level", "warn")
                .jvmOption("-Xms1g")
                .jvmOption("-Xmx1g")
                .jvmOption("-D" + BenchRedis.URL_PROPERTY + "=" + redis.url())
                .timeoutSeconds(120)
                .run(PairedHitProbe.class, hitKey, System.getProperty("bench.paired.seconds", "10"))
                .assertSucceeded();
        if (!result.get("lastEqual").equals("true")
                || result.getLong("degraded") > ForkCheck.tolerated(result.getLong("pairs"))) {
            throw new IllegalStateException("the paired cross-check did not measure hits: " + result.describe());
        }
        System.out.println(result.results());
        return result;
    }

    /** Runs {@link PairedLockProbe} in a JVM with the agent attached, configured as for the JMH forks. */
    private static ForkedJvm.Result pairedLocks(RedisServer redis) throws Exception {
        System.out.println("\nPaired lock cross-check: @Locked call and hand-written lock alternating in one JVM...");
        ForkedJvm.Result result = agentProbe(redis)
                .run(PairedLockProbe.class, System.getProperty("bench.paired.seconds", "10"))
                .assertSucceeded();
        long pairs = result.getLong("pairs");
        if (pairs == 0 || result.getLong("lockedBodyRuns") != pairs - result.getLong("lockedFailures")
                || result.getLong("lockedFailures") > ForkCheck.tolerated(pairs)
                || result.getLong("floorFailures") > ForkCheck.tolerated(pairs)) {
            throw new IllegalStateException("the paired lock cross-check did not measure locked calls: " + result.describe());
        }
        System.out.println(result.results());
        return result;
    }

    /** Runs {@link LockHandoverProbe} in a JVM with the agent attached, configured as for the JMH forks. */
    private static ForkedJvm.Result handover(RedisServer redis) throws Exception {
        System.out.println("\nLock hand-over: two threads of one JVM with the agent passing a @Locked method's lock...");
        ForkedJvm.Result result = agentProbe(redis)
                .run(LockHandoverProbe.class, "3", System.getProperty("bench.handover.seconds", "10"))
                .assertSucceeded();
        if (result.getLong("handovers") == 0 || result.getLong("overlaps") != 0) {
            throw new IllegalStateException("the hand-over probe measured no hand-over, or two holders overlapped: "
                    + result.describe());
        }
        System.out.println(result.results());
        return result;
    }

    /** A JVM with the agent attached, configured as for the JMH forks, for a probe that is not JMH. */
    private static ForkedJvm agentProbe(RedisServer redis) {
        return ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", "bench")
                .set("agent.log.level", "warn")
                .jvmOption("-Xms1g")
                .jvmOption("-Xmx1g")
                .jvmOption("-D" + BenchRedis.URL_PROPERTY + "=" + redis.url())
                .timeoutSeconds(120);
    }

    /**
     * Pins Redis to CPU 1 and this JVM, hence every JMH fork it starts, to CPU 0 (Linux
     * {@code taskset}; {@code -Dbench.pin=false} to leave placement to the scheduler). Whether a
     * fork's thread happens to share Redis's CPU changes a loopback round trip by several
     * microseconds (about 29 µs on one CPU against 35-39 µs across two, here), which would
     * otherwise differ from fork to fork and swamp the agent's share of a hit.
     *
     * @return how the processes were placed, for the results
     */
    private static String pin(RedisServer redis) {
        if (!Boolean.parseBoolean(System.getProperty("bench.pin", "true"))
                || CPUS < 2) {
            return "not pinned";
        }
        try {
            taskset("1", redis.pid());
            taskset("0", ProcessHandle.current().pid());
            return "redis-server pinned to CPU 1, benchmark JVMs to CPU 0, where they see one CPU and so"
                    + " choose the Serial GC";
        } catch (IOException | InterruptedException | IllegalStateException e) {
            System.out.println("Processes not pinned to CPUs (" + e.getMessage() + "); results will vary more.");
            return "not pinned (" + e.getMessage() + ")";
        }
    }

    private static void taskset(String cpu, long pid) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-cp", cpu, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset exited with " + taskset.exitValue());
        }
    }

    /** One result over the iterations of all rounds' forks, as JMH itself aggregates several forks. */
    static RunResult merge(List<RunResult> rounds) {
        List<BenchmarkResult> forks = new ArrayList<>();
        for (RunResult round : rounds) {
            forks.addAll(round.getBenchmarkResults());
        }
        return new RunResult(rounds.get(0).getParams(), forks);
    }

    private static String[] append(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static final class Stored {
        final String key;
        final int bytes;

        Stored(String key, int bytes) {
            this.key = key;
            this.bytes = bytes;
        }
    }
}
