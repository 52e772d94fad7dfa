package io.rediscache.agent.lock;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rediscache.agent.store.LuaScript;
import io.rediscache.agent.store.RedisConnection;
import io.rediscache.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis leases: a single-instance lock with owner-only release and fencing tokens.
 *
 * <p>Keys: {@code {namespace}|lock|{name}} holds the owner's token with the lease as its TTL;
 * {@code {namespace}|lock|{name}|fence} the last fencing token. The braces around the name are
 * a Redis Cluster hash tag, so both keys live in one slot and one Lua script may touch both.
 *
 * <ul>
 *   <li>Acquire, one round trip: {@code SET key token NX PX lease}; on success the script also
 *       issues the fencing token, {@code max(last + 1, Redis TIME in µs)}: strictly increasing
 *       per lock, and still increasing if the counter key ever expired (30 days unused).</li>
 *   <li>Release and renewal are compare-and-delete and compare-and-{@code PEXPIRE} on the
 *       token: a holder whose lease already ran out can never delete or extend a lock that
 *       someone else now holds.</li>
 *   <li>Renewal about every lease/3 while the body runs, by one sweeping thread
 *       ({@link LeaseRenewals}). A lock leaves the sweep before its release, and even a renewal
 *       that races the release finds the token gone and does nothing, so no orphan key is kept
 *       alive. A renewal that fails marks the lock lost and says so in the log.</li>
 *   <li>Waiting: the release script publishes on a channel named after the key, which wakes
 *       the waiters of every JVM at once ({@link ReleaseNotifications}); otherwise they retry
 *       after a jittered back-off of 2 to 50 ms until the wait is over.</li>
 * </ul>
 * The three scripts go by their SHA1 ({@code EVALSHA}), with {@code EVAL} once when Redis has
 * not cached them ({@link LuaScript}).
 *
 * <p>It is an efficiency lock with fencing: across a Redis failover mutual exclusion holds only
 * if the protected resource checks the fencing token. Replication is asynchronous, so a lock
 * written to a primary that dies before passing it on is lost with it. {@code lock.replicas}
 * narrows that window: the acquiring script and then {@code WAIT replicas timeout} are sent on
 * one connection to the primary that holds the key (WAIT counts the replicas that acknowledged
 * the writes of its own connection), and an acquisition that too few replicas acknowledged
 * within {@code lock.replicas.timeout} is released again and refused: the lock fails closed.
 * The socket timeout of that connection is raised by the WAIT's timeout for that one reply, so
 * a hung primary still costs at most {@code lock.replicas.timeout + redis.timeout.socket}.
 */
final class RedisLockService implements LockService {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLockService.class);

    private static final long FENCE_TTL_MILLIS = TimeUnit.DAYS.toMillis(30);

    private static final LuaScript ACQUIRE = new LuaScript(
            "if redis.replicate_commands then redis.replicate_commands() end\n" // Redis < 5: TIME before a write
            + "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then\n"
            + "  local now = redis.call('TIME')\n"
            + "  local micros = tonumber(now[1]) * 1000000 + tonumber(now[2])\n"
            + "  local last = tonumber(redis.call('GET', KEYS[2]) or '0')\n"
            + "  local fence = math.max(last + 1, micros)\n"
            + "  redis.call('SET', KEYS[2], string.format('%.0f', fence), 'PX', ARGV[3])\n"
            + "  return string.format('%.0f', fence)\n"
            + "end\n"
            + "return false");

    private static final LuaScript RELEASE = new LuaScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
            + "  redis.call('DEL', KEYS[1])\n"
            + "  redis.call('PUBLISH', KEYS[1], 'released')\n"
            + "  return 1\n"
            + "end\n"
            + "return 0");

    private static final LuaScript RENEW = new LuaScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0");

    private final RedisConnection connection;
    private final String namespace;
    private final LeaseRenewals renewals;
    /** Random, so that no two JVMs (or services) hand out the same token; made at first use (see {@link #tokenPrefix()}). */
    private volatile String tokenPrefix;
    private final AtomicLong tokens = new AtomicLong();
    private final ReleaseNotifications notifications;
    /** {@code lock.replicas}: replicas that must acknowledge an acquisition; 0 = do not wait. */
    private final int replicas;
    /** {@code lock.replicas.timeout}, in ms. */
    private final long replicasTimeoutMillis;

    RedisLockService(RedisConnection connection, String namespace, int replicas, long replicasTimeoutMillis) {
        this.connection = connection;
        this.namespace = namespace;
        this.replicas = replicas;
        this.replicasTimeoutMillis = replicasTimeoutMillis;
        this.notifications = new ReleaseNotifications(connection, namespace);
        this.renewals = new LeaseRenewals(new LeaseRenewals.Renewer() {
            @Override
            public void renew(HeldLock lock) {
                RedisLockService.this.renew(lock);
            }
        });
    }

    /**
     * Made at the first acquisition rather than at start: the first {@code SecureRandom} of a JVM
     * loads its security providers, about 15 ms that every JVM would otherwise add to its start
     * whether or not it ever takes a lock.
     */
    private String tokenPrefix() {
        String prefix = tokenPrefix;
        if (prefix == null) {
            synchronized (this) {
                prefix = tokenPrefix;
                if (prefix == null) {
                    byte[] random = new byte[8];
                    new SecureRandom().nextBytes(random);
                    StringBuilder hex = new StringBuilder();
                    for (byte b : random) {
                        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                    }
                    prefix = hex.toString();
                    tokenPrefix = prefix;
                }
            }
        }
        return prefix;
    }

    @Override
    public HeldLock acquire(String name, String shown, long waitMillis, long leaseMillis) throws LockFailure {
        String key = namespace + "|lock|{" + name + "}";
        String token = tokenPrefix() + ":" + tokens.incrementAndGet();
        Backoff backoff = new Backoff(waitMillis);
        ReleaseNotifications.Interest interest = null;
        try {
            while (true) {
                List<String> keys = Arrays.asList(key, key + "|fence");
                List<String> arguments = Arrays.asList(token, Long.toString(leaseMillis), Long.toString(FENCE_TTL_MILLIS));
                long sentNanos = System.nanoTime();
                Object fence = replicas == 0 ? eval(ACQUIRE, keys, arguments, shown)
                        : acquireAcknowledged(keys, arguments, shown);
                if (fence != null) {
                    HeldLock held = new HeldLock(name, shown, key, token, Long.parseLong(fence.toString()), leaseMillis,
                            sentNanos);
                    renewals.start(held);
                    return held;
                }
                long pauseNanos = backoff.nextPauseNanos();
                if (pauseNanos == 0) {
                    throw LockFailure.timedOut("lock '" + shown + "' stayed held by another holder for the whole wait of "
                            + waitMillis + " ms");
                }
                if (interest == null) {
                    // listen first, then try once more: a release that came after the failed try
                    // and before this registration is caught by the new try, a later one wakes the wait
                    interest = notifications.register(key);
                    continue;
                }
                if (!interest.await(pauseNanos)) {
                    throw LockFailure.timedOut("the wait for lock '" + shown + "' was interrupted");
                }
            }
        } finally {
            if (interest != null) {
                interest.close();
            }
        }
    }

    /**
     * The acquiring script, then on the same connection {@code WAIT replicas timeout} if it took
     * the lock. @return the fencing token, or {@code null} when another holder has the lock
     * @throws LockFailure when Redis cannot be asked, or fewer replicas than {@code lock.replicas}
     *         acknowledged in time (the lock is then released again, or expires with its lease)
     */
    private Object acquireAcknowledged(List<String> keys, List<String> arguments, String shown) throws LockFailure {
        Object fence = null;
        long acknowledged;
        Connection primary;
        try {
            primary = connection.connectionFor(keys.get(0));
        } catch (StoreException e) {
            throw LockFailure.unavailable("Redis at " + connection.describe() + " is not connected", e);
        } catch (RuntimeException e) {
            LockFailure failure = failed(shown, e);
            if (!failure.busy()) {
                connection.failedOnOwnConnection();
            }
            throw failure;
        }
        try {
            fence = ACQUIRE.eval(primary, keys, arguments);
            if (fence == null) {
                return null;
            }
            acknowledged = waitForReplicas(primary);
        } catch (RuntimeException e) {
            connection.failedOnOwnConnection();
            if (fence != null) {
                releaseRefused(keys.get(0), arguments.get(0), shown);
            }
            throw LockFailure.unavailable("Redis at " + connection.describe() + " failed for lock '" + shown + "'"
                    + (fence == null ? "" : " while its replicas were awaited (lock.replicas=" + replicas + ")"), e);
        } finally {
            primary.close();
        }
        if (acknowledged < replicas) {
            boolean released = releaseRefused(keys.get(0), arguments.get(0), shown);
            throw LockFailure.unavailable("lock '" + shown + "' was refused: lock.replicas=" + replicas
                    + " replicas had to acknowledge its acquisition within lock.replicas.timeout=" + replicasTimeoutMillis
                    + " ms, and " + acknowledged + " did; it was " + (released ? "released again"
                    : "not released (Redis failed), so it frees itself when its lease runs out")
                    + ". Check the primary's replicas (INFO replication), or lower lock.replicas.", null);
        }
        return fence;
    }

    /** {@code WAIT}, with the connection's read timeout raised by its timeout for this one reply. */
    private long waitForReplicas(Connection primary) {
        int socketTimeout = primary.getSoTimeout();
        primary.setSoTimeout((int) Math.min(Integer.MAX_VALUE, socketTimeout + replicasTimeoutMillis));
        try {
            return primary.executeCommand(WaitCommand.of(replicas, replicasTimeoutMillis));
        } finally {
            if (!primary.isBroken()) {
                primary.setSoTimeout(socketTimeout);
            }
        }
    }

    /** Deletes an acquisition refused for want of replicas; {@code false} when Redis could not be asked. */
    private boolean releaseRefused(String key, String token, String shown) {
        try {
            eval(RELEASE, Collections.singletonList(key), Collections.singletonList(token), shown);
            return true;
        } catch (LockFailure e) {
            return false;
        }
    }

    @Override
    public void release(HeldLock lock) {
        lock.released = true;
        renewals.stop(lock);
        try {
            Object released = eval(RELEASE, Collections.singletonList(lock.key), Collections.singletonList(lock.token),
                    lock.shown);
            if (!Long.valueOf(1).equals(released) && !lock.lost) {
                LOG.warn("Lock '{}' had already expired when its holder released it (the body outlived the lease"
                        + " without renewal); another holder may have run meanwhile.", lock.shown);
            }
        } catch (LockFailure e) {
            LOG.warn("Lock '{}' could not be released ({}); it frees itself when its lease of {} ms runs out.",
                    lock.shown, e.getMessage(), lock.leaseMillis);
        }
    }

    private void renew(HeldLock lock) {
        if (lock.lost) {
            return;
        }
        long sentNanos = System.nanoTime();
        try {
            Object renewed = eval(RENEW, Collections.singletonList(lock.key),
                    Arrays.asList(lock.token, Long.toString(lock.leaseMillis)), lock.shown);
            if (Long.valueOf(1).equals(renewed)) {
                lock.leaseSinceNanos = sentNanos;
                return;
            }
            if (!lock.released) { // released meanwhile, which deleted the key: not a loss
                markLost(lock, "its key expired or belongs to another holder");
            }
        } catch (LockFailure e) {
            if (lock.released) {
                return;
            }
            if (e.busy() && System.nanoTime() - lock.leaseSinceNanos < TimeUnit.MILLISECONDS.toNanos(lock.leaseMillis)) {
                // Redis was not asked: the key is still there with this holder's token; try again at the next sweep
                lock.nextRenewalNanos = System.nanoTime();
                return;
            }
            markLost(lock, e.getMessage());
        }
    }

    private void markLost(HeldLock lock, String why) {
        lock.lost = true;
        renewals.stop(lock);
        LOG.warn("Lock '{}' was lost while its holder still ran ({}): another holder may now run at the same"
                + " time. Resources it protects should check the fencing token.", lock.shown, why);
    }

    private Object eval(LuaScript script, List<String> keys, List<String> arguments, String shown)
            throws LockFailure {
        UnifiedJedis client;
        try {
            client = connection.client();
        } catch (StoreException e) {
            throw LockFailure.unavailable("Redis at " + connection.describe() + " is not connected", e);
        }
        try {
            return script.eval(client, keys, arguments);
        } catch (RuntimeException e) {
            throw failed(shown, e);
        }
    }

    /** What a command for lock {@code shown} that threw {@code e} means: Redis failed, or the pool stayed busy. */
    private LockFailure failed(String shown, RuntimeException e) {
        if (connection.poolExhausted(e)) {
            return LockFailure.poolBusy("no pooled connection to Redis at " + connection.describe() + " became free"
                    + " within redis.pool.wait for lock '" + shown + "'; raise redis.pool.size for this many concurrent calls", e);
        }
        return LockFailure.unavailable("Redis at " + connection.describe() + " failed for lock '" + shown + "'", e);
    }

    @Override
    public String describe() {
        return "in Redis " + connection.describe();
    }

    /**
     * {@code WAIT replicas timeout}. A class of its own, loaded at the first acquisition with
     * {@code lock.replicas}: handing Jedis a {@code Protocol.Command} as its {@code ProtocolCommand}
     * makes the JVM load those Jedis classes with the class that does it, and this service is made
     * while the agent starts, on the thread that starts the JVM.
     */
    private static final class WaitCommand {

        static CommandObject<Long> of(int replicas, long timeoutMillis) {
            return new CommandObject<>(new CommandArguments(Protocol.Command.WAIT).add(replicas).add(timeoutMillis),
                    BuilderFactory.LONG);
        }
    }
}
