package io.rediscache.it.locks;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.SteppedRun;
import io.rediscache.it.harness.RedisServer;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks under faults. Redis unreachable (nothing listening, killed while the application runs,
 * or hung by SIGSTOP): a {@code @Locked} call fails closed with {@code LockUnavailableException}
 * carrying a cause, its body never runs, and no call waits much longer than the configured
 * Redis timeouts. A holder killed with {@code kill -9} in its body: its lock frees itself with
 * the lease, and a JVM waiting for it enters within the lease plus one second. A holder paused
 * with SIGSTOP past its lease: another JVM takes the lock with a higher fencing token; when the
 * first resumes, its fenced write is rejected and its release leaves the new holder's key alone.
 */
class LockFaultTest {

    private static final String LUE = "io.rediscache.LockUnavailableException";
    private static final int CALLS = 3;
    /** redis.timeout.connect 250 ms + redis.timeout.socket 200 ms, plus generous slack for a loaded CI machine. */
    private static final long BOUND_MILLIS = 2000;
    private static final long CRASH_LEASE_MILLIS = 2000;

    @Test
    void nothingListeningFailsClosed() throws Exception {
        int port = RedisServer.freePort();
        ForkedJvm.Result result = faultJvm("redis://127.0.0.1:" + port + "/0").run(LockApp.class, "down", Integer.toString(CALLS))
                .assertSucceeded();
        assertFailedClosed(result, "down");
    }

    @Test
    void redisKilledWhileRunningFailsClosed() throws Exception {
        assertFailsClosedAfter(RedisServer::kill, "killed");
    }

    @Test
    void redisHungFailsClosedWithinTheTimeouts() throws Exception {
        assertFailsClosedAfter(RedisServer::pause, "hung");
    }

    private static void assertFailsClosedAfter(Consumer<RedisServer> fault, String label) throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Path go = SteppedRun.newGoFile();
            try (SteppedRun run = SteppedRun.start(faultJvm(server.url()), LockApp.class, "outage", go.toString(), Integer.toString(CALLS))) {
                run.awaitLine("READY", 30);
                fault.accept(server);
                SteppedRun.signal(go);
                ForkedJvm.Result result = run.await().assertSucceeded();
                assertEquals("returned:ran", result.get("before"), "the lock worked before the fault: " + result.describe());
                assertFailedClosed(result, "outage");
                System.out.printf("Lock with Redis %s: %d calls, all LockUnavailableException (causes %s), worst call %s ms%n",
                        label, 2 * CALLS, new java.util.TreeSet<>(Arrays.asList(result.get("outage.causes").split(","))),
                        result.get("outage.worstMillis"));
            }
        }
    }

    private static void assertFailedClosed(ForkedJvm.Result result, String prefix) {
        String[] outcomes = result.get(prefix + ".outcomes").split(",");
        assertEquals(2 * CALLS, outcomes.length, result.describe());
        assertTrue(Arrays.stream(outcomes).allMatch(LUE::equals), "every call fails closed: " + result.describe());
        assertTrue(Arrays.stream(result.get(prefix + ".causes").split(",")).noneMatch("none"::equals),
                "every LockUnavailableException carries its cause: " + result.get(prefix + ".causes"));
        assertEquals(0, result.getLong(prefix + ".bodyRuns"), "no body ran unlocked");
        assertTrue(result.getLong(prefix + ".worstMillis") < BOUND_MILLIS,
                "no call hangs beyond the Redis timeouts: worst " + result.get(prefix + ".worstMillis") + " ms");
        if ("down".equals(prefix)) {
            System.out.printf("Lock with nothing listening: %d calls, all LockUnavailableException (causes %s), worst call %s ms%n",
                    2 * CALLS, new java.util.TreeSet<>(Arrays.asList(result.get("down.causes").split(","))),
                    result.get("down.worstMillis"));
        }
    }

    private static ForkedJvm faultJvm(String url) {
        return ForkedJvm.withAgent()
                .set("redis.url", url)
                .set("redis.timeout.connect", "250ms")
                .set("redis.timeout.socket", "200ms")
                .timeoutSeconds(60);
    }

    /**
     * The holder takes "crash" (lease 2 s), keeps it past a lease by renewal, and is killed with
     * SIGKILL. A JVM that was started beforehand then waits up to lease + 1 s for the lock: it
     * must enter, with its own token, within lease + 1 s of the kill.
     */
    @Test
    void aKilledHoldersLockFreesWithinItsLease() throws Exception {
        try (RedisServer server = RedisServer.start(); JedisPooled client = new JedisPooled(URI.create(server.url()))) {
            String namespace = RedisTarget.uniqueNamespace("crash");
            String key = LockKeys.lock(namespace, "crash");
            Path go = SteppedRun.newGoFile();
            ForkedJvm jvm = faultJvm(server.url()).set("cache.namespace", namespace);
            try (SteppedRun waiter = SteppedRun.start(jvm, LockApp.class, "await-crash", server.url(), namespace, go.toString());
                 SteppedRun holder = SteppedRun.start(jvm, LockApp.class, "hold-crash", server.url(), namespace)) {
                String holderToken = SteppedRun.field(holder.awaitLine("ENTERED", 30), "token");
                waiter.awaitLine("WAITING", 30);
                Thread.sleep(CRASH_LEASE_MILLIS + 500);
                assertEquals(holderToken, client.get(key), "renewed past its first lease, the holder still has the lock");

                long killedAt = System.currentTimeMillis();
                holder.kill();
                long pttlAfterKill = client.pttl(key);
                assertEquals(holderToken, client.get(key), "the dead holder's key is still there: only the lease frees it");
                assertTrue(pttlAfterKill > 0 && pttlAfterKill <= CRASH_LEASE_MILLIS, "PTTL after the kill: " + pttlAfterKill);
                SteppedRun.signal(go);

                ForkedJvm.Result result = waiter.await().assertSucceeded();
                assertEquals("returned:entered", result.get("crash.wait"), result.describe());
                long reacquiredAfter = result.getLong("crash.enteredAt") - killedAt;
                assertTrue(reacquiredAfter <= CRASH_LEASE_MILLIS + 1000,
                        "entered " + reacquiredAfter + " ms after the kill; the lease is " + CRASH_LEASE_MILLIS + " ms");
                assertNotEquals(holderToken, result.get("crash.token"), "the new holder has a token of its own");
                System.out.printf("Holder killed with a %d ms lease (%d ms left at the kill): another JVM entered %d ms after the kill,"
                                + " %d ms after its call began%n", CRASH_LEASE_MILLIS, pttlAfterKill, reacquiredAfter,
                        result.getLong("crash.enteredAt") - result.getLong("crash.calledAt"));
            }
        }
    }

    /**
     * The holder takes "paused" (lease 1 s) and is frozen with SIGSTOP, renewal thread and all. A
     * second JVM gets the lock once the lease ran out, with a higher fencing token, and writes to
     * a fenced resource. Then the first resumes: its write with its older token must be rejected,
     * and its release at the end of its body must not delete the second holder's key.
     */
    @Test
    void aHolderPausedPastItsLeaseCannotHarmTheNextHolder() throws Exception {
        try (RedisServer server = RedisServer.start(); JedisPooled client = new JedisPooled(URI.create(server.url()))) {
            String namespace = RedisTarget.uniqueNamespace("paused");
            String key = LockKeys.lock(namespace, "paused");
            String resource = namespace + "|test|resource";
            Path holderGo = SteppedRun.newGoFile();
            Path takerGo = SteppedRun.newGoFile();
            Path takerRelease = SteppedRun.newGoFile();
            ForkedJvm jvm = faultJvm(server.url()).set("cache.namespace", namespace);
            try (SteppedRun taker = SteppedRun.start(jvm, LockApp.class, "take-over", server.url(), namespace, takerGo.toString(),
                         takerRelease.toString(), resource);
                 SteppedRun holder = SteppedRun.start(jvm, LockApp.class, "hold-paused", server.url(), namespace, holderGo.toString(), resource)) {
                taker.awaitLine("WAITING", 30);
                String entered = holder.awaitLine("ENTERED", 30);
                String holderToken = SteppedRun.field(entered, "token");
                long holderFence = Long.parseLong(SteppedRun.field(entered, "fence"));
                holder.pause();
                long pausedAt = System.currentTimeMillis();
                SteppedRun.signal(takerGo);

                String takenOver = taker.awaitLine("ENTERED", 15);
                String takerToken = SteppedRun.field(takenOver, "token");
                long takerFence = Long.parseLong(SteppedRun.field(takenOver, "fence"));
                assertNotEquals(holderToken, takerToken, "the second holder has a token of its own");
                assertTrue(takerFence > holderFence, "fencing tokens increase: " + holderFence + " then " + takerFence);
                assertEquals("accepted", SteppedRun.field(takenOver, "write"));

                holder.resume();
                SteppedRun.signal(holderGo);
                ForkedJvm.Result paused = holder.await().assertSucceeded();
                assertEquals("rejected", paused.get("paused.write"), "the resource rejects the stale holder's write");
                assertEquals(takerToken, paused.get("paused.tokenAfterRelease"),
                        "the stale holder's release left the new holder's lock alone: " + paused.describe());
                assertEquals(takerToken, client.get(key));
                assertEquals("new holder", client.hget(resource, "writer"));

                SteppedRun.signal(takerRelease);
                assertEquals("returned:done", taker.await().assertSucceeded().get("takeover"));
                assertEquals(-2, client.pttl(key), "the new holder released its lock");
                System.out.printf("Holder paused with a 1000 ms lease: the next holder entered %d ms after the pause;"
                                + " fencing tokens %d then %d; the stale write was rejected%n",
                        Long.parseLong(SteppedRun.field(takenOver, "at")) - pausedAt, holderFence, takerFence);
            }
        }
    }
}
