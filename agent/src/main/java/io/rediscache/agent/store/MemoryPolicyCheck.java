package io.rediscache.agent.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What the agent tells the operator about the memory of one Redis server: what a full server
 * would do to the cache and the locks, and that a full server is refusing writes.
 *
 * <p>The server's {@code maxmemory} and {@code maxmemory-policy} are read from
 * {@code INFO memory} (which a restricted ACL user may run) when the agent connects, and again
 * each time Redis answers after an outage (the circuit breaker closing), because a server that
 * comes back may be a different one or reconfigured. Each distinct finding (the policy of a
 * server with a limit) is logged once per JVM, however often it is read again. Only advice:
 * nothing here changes what the agent does.
 *
 * <p>A write refused with an {@code OOM} error reply is not a connection failure: the server
 * answered, and it still serves reads, so the stores report it here ({@link #isOutOfMemory},
 * {@link #onRefusedWrite}) instead of to the circuit breaker; the value is simply not stored.
 */
final class MemoryPolicyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryPolicyCheck.class);

    private final String where;
    private final Set<String> reportedPolicies = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refusedWriteReported = new AtomicBoolean();

    /** @param where the server, for the log (never with a password) */
    MemoryPolicyCheck(String where) {
        this.where = where;
    }

    /** @return the advice for this server, or {@code null} when there is nothing to say */
    static String advice(String infoMemory, String where) {
        String policy = limitedPolicy(infoMemory);
        if (policy == null) {
            return null;
        }
        long maxmemory = field(infoMemory, "maxmemory:");
        if (policy.equals("noeviction")) {
            return "Redis at " + where + " has maxmemory " + maxmemory + " and maxmemory-policy noeviction: when it is"
                    + " full it refuses every write, so caching stops (calls run uncached) and locks cannot be taken."
                    + " Every key the agent writes has a TTL; set maxmemory-policy volatile-lru (or allkeys-lru) on a"
                    + " server that holds only caches.";
        }
        return "Redis at " + where + " has maxmemory " + maxmemory + " and maxmemory-policy " + policy + ": when it is"
                + " full it evicts keys, lock keys included (they have TTLs), so a held lock could vanish and a second"
                + " holder enter. If you use @Locked or Locks, keep locks on a server that is never full, or check"
                + " fencing tokens in the resources the locks protect.";
    }

    /** The policy of a server that has a memory limit; {@code null} without a limit (nothing to advise). */
    private static String limitedPolicy(String infoMemory) {
        String policy = null;
        for (String line : infoMemory.split("\r?\n")) {
            if (line.startsWith("maxmemory_policy:")) {
                policy = line.substring("maxmemory_policy:".length()).trim();
            }
        }
        return field(infoMemory, "maxmemory:") > 0 ? policy : null;
    }

    private static long field(String infoMemory, String prefix) {
        for (String line : infoMemory.split("\r?\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).trim());
            }
        }
        return -1;
    }

    /** Logs the advice for this server at WARN, unless the same finding was logged before. */
    void warnIfNeeded(String infoMemory) {
        try {
            String advice = advice(infoMemory, where);
            if (advice != null && reportedPolicies.add(limitedPolicy(infoMemory))) {
                LOG.warn(advice);
            }
        } catch (RuntimeException unexpectedInfo) {
            LOG.debug("Could not read the memory policy of Redis at {}: {}", where, unexpectedInfo.toString());
        }
    }

    /**
     * Reads {@code INFO memory} and warns if needed. A user that may not run {@code INFO} gets no
     * advice, and nothing else changes: the cache does not need it.
     */
    void check(UnifiedJedis client) {
        try {
            warnIfNeeded(client.info("memory"));
        } catch (RuntimeException e) {
            LOG.debug("Could not read the memory policy of Redis at {}: {}", where, e.toString());
        }
    }

    /** {@link #check} on a daemon thread (Redis answers again after an outage). */
    void recheckInBackground(final RedisConnection connection) {
        DaemonThreads.start("memory-check", new Runnable() {
            @Override
            public void run() {
                try {
                    check(connection.client());
                } catch (StoreException e) {
                    LOG.debug("Could not read the memory policy of Redis at {}: {}", where, e.toString());
                }
            }
        });
    }

    /** Whether Redis refused a write because it is full ({@code OOM command not allowed …}). */
    static boolean isOutOfMemory(RuntimeException e) {
        return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().contains("OOM command not allowed");
    }

    /** A write was refused with OOM: says so once; the caller returns its result uncached. */
    void onRefusedWrite() {
        if (refusedWriteReported.compareAndSet(false, true)) {
            LOG.warn("Redis at {} is full and refuses writes (OOM, maxmemory reached without an eviction policy that"
                    + " frees room): results are returned without being cached; values already stored are still"
                    + " served. Set maxmemory-policy volatile-lru (or allkeys-lru) on a server that holds only caches,"
                    + " or raise maxmemory. Said once.", where);
        }
    }
}
