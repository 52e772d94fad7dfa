package io.rediscache.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.shaded.redis.clients.jedis.RedisClient;
import io.rediscache.agent.shaded.redis.clients.jedis.params.ScanParams;
import io.rediscache.agent.shaded.redis.clients.jedis.resps.ScanResult;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;
import org.openjdk.jmh.annotations.Mode;
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
 * <p>Order matters and is fixed: first the forks with the agent attached ({@link
 * CachedCallBenchmark}: the hit benchmark leaves the agent's entry for {@code profile("user-42")}
 * in Redis), then a check that this entry holds exactly the bytes the agent's codec makes of the
 * expected value, then the forks without the agent: the floor reads that same key, and the body
 * and key benchmarks need no Redis at all. Each JMH fork is a fresh JVM with the same heap
 * settings; only the {@code -javaagent} differs.
 *
 * <p>Usage (see {@code integration-tests/bench.sh}): {@code BenchmarkMain <output folder>},
 * with {@code -Dagent.jar=…}; optional {@code -Dbench.warmups=3 -Dbench.iterations=5
 * -Dbench.time=2s -Dbench.forks=1 -Dbench.profilers=gc,stack}.
 */
public final class BenchmarkMain {

    private static final String PACKAGE = BenchmarkMain.class.getPackage().getName() + ".";
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
        Path config = out.resolve("agent.properties");
        Properties settings = new Properties();
        settings.setProperty("redis.url", redis.url());
        settings.setProperty("cache.namespace", "bench");
        settings.setProperty("agent.log.level", "warn");
        try (var writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            settings.store(writer, "written by BenchmarkMain");
        }
        String[] common = {"-Xms1g", "-Xmx1g", "-D" + BenchRedis.URL_PROPERTY + "=" + redis.url()};
        String javaagent = "-javaagent:" + agentJar + "=config=" + config;

        LoadWatch load = LoadWatch.start();
        List<RunResult> results = new ArrayList<>();
        results.addAll(jmh(out, "agent-average", Mode.AverageTime, append(common, javaagent),
                "CachedCallBenchmark.hit", "CachedCallBenchmark.miss"));
        results.addAll(jmh(out, "agent-sample", Mode.SampleTime, append(common, javaagent),
                "CachedCallBenchmark.hit"));

        Stored stored;
        try (RedisClient client = BenchRedis.client()) {
            stored = storedHit(client);
        }
        String hitKey = "-D" + FloorBenchmark.KEY_PROPERTY + "=" + stored.key;
        results.addAll(jmh(out, "plain-average", Mode.AverageTime, append(common, hitKey),
                "FloorBenchmark.rawGetAndDecode", "UncachedBenchmark.bodyAlone",
                "KeyBenchmark.fourArguments", "KeyBenchmark.oneString"));
        results.addAll(jmh(out, "plain-sample", Mode.SampleTime, append(common, hitKey),
                "FloorBenchmark.rawGetAndDecode"));

        load.stop();
        String table = ResultsTable.render(results, stored.bytes, missValueBytes(), redisVersion(), load.describe());
        Files.writeString(out.resolve("results.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("Written to " + out.resolve("results.md"));
    }

    private static Collection<RunResult> jmh(Path out, String name, Mode mode, String[] jvmArgs, String... benchmarks)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .mode(mode)
                .timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(Integer.getInteger("bench.warmups", 3))
                .warmupTime(TimeValue.fromString(System.getProperty("bench.time", "2s")))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .measurementTime(TimeValue.fromString(System.getProperty("bench.time", "2s")))
                .forks(Integer.getInteger("bench.forks", 1))
                .threads(1)
                .jvmArgsAppend(jvmArgs)
                .shouldFailOnError(true)
                .result(out.resolve("jmh-" + name + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
        for (String benchmark : benchmarks) {
            options.include("^" + (PACKAGE + benchmark).replace(".", "\\.") + "$");
        }
        String profilers = System.getProperty("bench.profilers", "").trim();
        if (!profilers.isEmpty()) {
            for (String profiler : profilers.split(",")) {
                options.addProfiler(profiler.trim());
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != benchmarks.length) {
            throw new IllegalStateException("expected " + benchmarks.length + " results in run " + name + ", got "
                    + results.size() + ": is the benchmark list (META-INF/BenchmarkList) stale?");
        }
        return results;
    }

    /** The agent's entry for profile("user-42"): the only key of cache 'profiles'. */
    private static Stored storedHit(RedisClient client) throws Exception {
        List<String> keys = new ArrayList<>();
        ScanParams match = new ScanParams().match("bench|profiles|*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        if (keys.size() != 1) {
            throw new IllegalStateException("expected exactly one key in cache 'profiles' after the hit benchmark, found " + keys);
        }
        String key = keys.get(0);
        byte[] bytes = client.get(key.getBytes(StandardCharsets.UTF_8));
        byte[] expected = new KryoCodec().encode(ProfileService.build(CachedCallBenchmark.HIT_ID),
                BenchmarkMain.class.getClassLoader());
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

    /** Size of a value the miss benchmark stores ("u" + 7 base-36 digits, as long as "user-42"). */
    private static int missValueBytes() throws Exception {
        return new KryoCodec().encode(ProfileService.build("u" + Long.toString(2_176_782_336L + 12_345, 36)),
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
