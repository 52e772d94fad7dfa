package io.rediscache.bench;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * (a) and (c): a {@code @RedisCache} method called in a JVM with the agent attached, against
 * the benchmark's own loopback Redis (part {@code cluster}: also against a Redis Cluster, the
 * checks then summing the counters of its primaries, {@link CommandCounters}).
 *
 * <p>Each state checks at the end of its trial, from Redis's own command counters and the
 * body's run counter, that the benchmark measured what it says: every hit call sent one GET,
 * no SET, and skipped the body; every miss call ran the body and sent one GET and one SET (with a
 * TTL: every key in Redis has one), nothing else: the miss's set-up counts the round trips of
 * a sample of calls with {@link RoundTripCounter} (one server only: on a cluster the sample's calls
 * run uncounted). The only exception allowed is a call whose Redis reply, or the handshake of a
 * new pooled connection (such a call sends no GET), took longer than the agent's 200 ms socket
 * timeout or 250 ms connect timeout (the agent then runs the body uncached, as designed), at most
 * {@link ForkCheck#tolerated one in ten thousand}; they are counted in the report. A trial that fails its check fails the whole run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CachedCallBenchmark {

    /** The id whose profile the hit benchmark reads, and the floor benchmark reads back by hand. */
    static final String HIT_ID = "user-42";
    /** Set on a fork whose agent writes misses' results asynchronously ({@code cache.write.async=true}). */
    static final String ASYNC_PROPERTY = "bench.miss.async";
    /** Calls whose Redis round trips a miss trial counts ({@link RoundTripCounter}) before it measures. */
    static final int SAMPLE_CALLS = 1_000;

    /** (a) A hit: key hashing, GET, decode, type check; the body is skipped. */
    @Benchmark
    public CustomerProfile hit(Hit state) {
        state.calls++;
        return state.service.profile(HIT_ID);
    }

    /** (c) A miss on a key never used before: key hashing, GET (nil), body, encode, SET … PX. */
    @Benchmark
    public CustomerProfile miss(Miss state) {
        state.calls++;
        return state.service.freshProfile(state.nextId());
    }

    @State(Scope.Thread)
    public static class Hit {
        final ProfileService service = new ProfileService();
        CommandCounters redis;
        long calls;
        long bodyRunsBefore;
        long getsBefore;
        long setsBefore;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireAgent();
            redis = CommandCounters.open();
            service.profile(HIT_ID); // stores the value, unless an earlier trial did
            long runs = ProfileService.bodyRuns();
            CustomerProfile cached = service.profile(HIT_ID);
            if (ProfileService.bodyRuns() != runs || !cached.equals(ProfileService.build(HIT_ID))) {
                throw new IllegalStateException("the second call of profile(" + HIT_ID + ") was not a correct hit;"
                        + " is Redis reachable? See the agent's log above.");
            }
            bodyRunsBefore = ProfileService.bodyRuns();
            getsBefore = redis.calls("get");
            setsBefore = redis.calls("set");
        }

        @TearDown(Level.Trial)
        public void check() {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            long gets = redis.calls("get") - getsBefore;
            long sets = redis.calls("set") - setsBefore;
            redis.close();
            String line = String.format("%d calls, %d GETs, %d SETs, %d body runs"
                    + " (calls degraded to uncached by a Redis timeout)", calls, gets, sets, runs);
            if (runs > ForkCheck.tolerated(calls) || gets < calls - ForkCheck.tolerated(calls) || sets != 0) {
                throw new IllegalStateException("the hit benchmark was not all hits: " + line);
            }
            ForkCheck.report("hit", line);
        }
    }

    @State(Scope.Thread)
    public static class Miss {
        final ProfileService service = new ProfileService();
        /** Random per fork, so that no fork ever meets a key an earlier fork stored (TTL 60 s). */
        private long next = 2_176_782_336L + ThreadLocalRandom.current().nextLong(70_000_000_000L);
        CommandCounters redis;
        long calls;
        long bodyRunsBefore;
        long getsBefore;
        long setsBefore;

        /** "u" and 7 base-36 digits: as long as {@link #HIT_ID}, so the values are the same size. */
        String nextId() {
            return "u" + Long.toString(next++, 36);
        }

        @Setup(Level.Trial)
        public void setUp() throws InterruptedException {
            ForkCheck.requireAgent();
            redis = CommandCounters.open();
            String id = nextId();
            long runs = ProfileService.bodyRuns();
            service.freshProfile(id);
            service.freshProfile(id);
            if (ProfileService.bodyRuns() != runs + 1) {
                throw new IllegalStateException("freshProfile is not cached: is Redis reachable? See the agent's log above.");
            }
            if (CommandCounters.cluster()) { // MONITOR watches one node; the calls still run, so each trial starts alike
                for (int i = 0; i < SAMPLE_CALLS; i++) {
                    service.freshProfile(nextId());
                }
            } else {
                Map<String, Double> roundTrips = RoundTripCounter.perCall(SAMPLE_CALLS, () -> service.freshProfile(nextId()));
                ForkCheck.figure(async() ? "roundTrips.missAsync" : "roundTrips.miss", RoundTripCounter.describe(roundTrips));
            }
            bodyRunsBefore = ProfileService.bodyRuns();
            getsBefore = redis.calls("get");
            setsBefore = redis.calls("set");
        }

        private static boolean async() {
            return Boolean.getBoolean(ASYNC_PROPERTY);
        }

        @TearDown(Level.Trial)
        public void check() throws InterruptedException {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            long gets = redis.calls("get") - getsBefore;
            long sets = redis.calls("set") - setsBefore;
            for (long waited = 0; async() && sets < calls && waited < 5_000; waited += 10) {
                Thread.sleep(10); // the agent's writer thread may still be sending the last SETs
                sets = redis.calls("set") - setsBefore;
            }
            String keyspace = redis.keyspace();
            redis.close();
            String line = String.format("%d calls, %d body runs, %d GETs, %d SETs; %s", calls, runs, gets, sets,
                    keyspace.replaceAll("[\r\n]+", " ").replace("# Keyspace", "").trim());
            // With asynchronous writes the writer ends other keys' flights while a caller looks up; when one
            // shares the caller's stripe (SingleFlight), the caller looks up once more: about one miss in 1,000.
            long extraGets = async() ? calls / 200 : 0;
            if (runs != calls || gets < calls - ForkCheck.tolerated(calls) || gets > calls + extraGets || sets < calls - ForkCheck.tolerated(calls)) {
                throw new IllegalStateException("the miss benchmark was not all misses: " + line);
            }
            if (!everyKeyExpires(keyspace)) {
                throw new IllegalStateException("some keys in Redis have no TTL: " + keyspace);
            }
            ForkCheck.report(async() ? "miss, asynchronous write" : "miss", line);
        }

        /** {@code db0:keys=N,expires=M,…}: every key has a TTL when N == M. */
        private static boolean everyKeyExpires(String keyspace) {
            for (String line : keyspace.split("\r?\n")) {
                if (line.startsWith("db")) {
                    String keys = line.replaceAll(".*keys=(\\d+).*", "$1");
                    String expires = line.replaceAll(".*expires=(\\d+).*", "$1");
                    if (!keys.equals(expires)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
