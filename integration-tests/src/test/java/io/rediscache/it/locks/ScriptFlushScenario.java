package io.rediscache.it.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Locked;
import io.rediscache.Locks;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

import static io.rediscache.it.locks.LockApp.report;

/**
 * The scenario of {@code LockScriptCacheTest}, on a Redis server of the test's own: locked calls
 * before and after an operator's {@code SCRIPT FLUSH}, with Redis's own command counters
 * ({@code INFO commandstats}) read around each phase, so the test sees how the agent sent its
 * scripts: by SHA1 ({@code EVALSHA}), or with their text ({@code EVAL}).
 *
 * <ol>
 *   <li>{@code first}: the first calls on a fresh server, which knows none of the scripts;</li>
 *   <li>{@code steady}: the same calls again;</li>
 *   <li>{@code SCRIPT FLUSH}, from the application's own client;</li>
 *   <li>{@code flushed}: a call whose body runs past its lease (renewals) while another thread
 *       tries the same lock once, then the same quick calls as before.</li>
 * </ol>
 */
final class ScriptFlushScenario {

    static final int CALLS = 10;

    private final LockKeys keys;
    private final UnifiedJedis redis;
    private final AtomicInteger runs = new AtomicInteger();
    private final List<Long> fences = new ArrayList<>();
    private volatile String heldToken;

    ScriptFlushScenario(LockKeys keys) {
        this.keys = keys;
        this.redis = keys.redis();
    }

    void run() throws Exception {
        Counters before = Counters.read(redis);
        quickCalls("first");
        Counters afterFirst = Counters.read(redis);
        afterFirst.reportSince(before, "first");
        quickCalls("steady");
        Counters afterSteady = Counters.read(redis);
        afterSteady.reportSince(afterFirst, "steady");

        report("flush.reply", redis.scriptFlush());
        report("held.value", LockApp.thrown(this::held));
        report("held.pttlAfter", keys.pttl("renewed"));
        quickCalls("flushed");
        Counters.read(redis).reportSince(afterSteady, "flushed");
        report("runs", runs.get());
        report("fencesRise", rising(fences));
    }

    private void quickCalls(String phase) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            outcomes.add(LockApp.thrown(this::quick));
        }
        report(phase + ".outcomes", outcomes.stream().distinct().toList());
        report(phase + ".pttlAfter", keys.pttl("quick"));
    }

    /** The body reports whether its key held a token of the agent's while it ran, and records its fencing token. */
    @Locked("quick")
    public String quick() {
        runs.incrementAndGet();
        fences.add(Locks.fencingToken());
        String token = keys.token("quick");
        return token != null && keys.pttl("quick") > 0 ? "locked" : "key missing: " + token;
    }

    /** Lease 600 ms, body 1,000 ms: renewed along the way; halfway through, another thread tries the lock once. */
    @Locked(value = "renewed", leaseMillis = 600)
    public String held() {
        runs.incrementAndGet();
        fences.add(Locks.fencingToken());
        heldToken = keys.token("renewed");
        LockApp.sleep(500);
        report("held.otherThread", LockApp.thrownOnOtherThread(this::tryOnce));
        LockApp.sleep(500);
        String token = keys.token("renewed");
        long pttl = keys.pttl("renewed");
        return heldToken != null && heldToken.equals(token) && pttl > 0 ? "kept" : "lost: token " + token + ", pttl " + pttl;
    }

    @Locked(value = "renewed", waitMillis = 0)
    public String tryOnce() {
        runs.incrementAndGet();
        return "entered";
    }

    private static boolean rising(List<Long> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) <= values.get(i - 1)) {
                return false;
            }
        }
        return values.size() > 1;
    }

    /** {@code calls} of EVAL and EVALSHA so far, from {@code INFO commandstats}. */
    private record Counters(long eval, long evalsha) {

        static Counters read(UnifiedJedis redis) {
            String stats = SafeEncoder.encode((byte[]) redis.sendCommand(Protocol.Command.INFO, "commandstats"));
            return new Counters(calls(stats, "eval"), calls(stats, "evalsha"));
        }

        void reportSince(Counters earlier, String phase) {
            report(phase + ".eval", eval - earlier.eval);
            report(phase + ".evalsha", evalsha - earlier.evalsha);
        }

        private static long calls(String stats, String command) {
            String prefix = "cmdstat_" + command + ":calls=";
            for (String line : stats.split("\r?\n")) {
                if (line.startsWith(prefix)) {
                    int end = line.indexOf(',', prefix.length());
                    return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
                }
            }
            return 0;
        }
    }
}
