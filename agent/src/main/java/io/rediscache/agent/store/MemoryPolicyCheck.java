package io.rediscache.agent.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the server's {@code maxmemory} and {@code maxmemory-policy} (from {@code INFO memory},
 * which a restricted ACL user may run) and says, once, what a full server would do to the cache
 * and the locks, and what to set. Only advice: a write refused with OOM already degrades to an
 * uncached call.
 */
final class MemoryPolicyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryPolicyCheck.class);

    private MemoryPolicyCheck() {
    }

    /** @return the advice for this server, or {@code null} when there is nothing to say */
    static String advice(String infoMemory, String where) {
        long maxmemory = -1;
        String policy = null;
        for (String line : infoMemory.split("\r?\n")) {
            if (line.startsWith("maxmemory:")) {
                maxmemory = Long.parseLong(line.substring("maxmemory:".length()).trim());
            } else if (line.startsWith("maxmemory_policy:")) {
                policy = line.substring("maxmemory_policy:".length()).trim();
            }
        }
        if (maxmemory <= 0 || policy == null) {
            return null; // no limit: Redis grows until the machine runs out, which no setting here changes
        }
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

    /** Logs the advice for this server once, at WARN, if there is any. */
    static void warnIfNeeded(String infoMemory, String where) {
        try {
            String advice = advice(infoMemory, where);
            if (advice != null) {
                LOG.warn(advice);
            }
        } catch (RuntimeException unexpectedInfo) {
            LOG.debug("Could not read the memory policy of Redis at {}: {}", where, unexpectedInfo.toString());
        }
    }
}
