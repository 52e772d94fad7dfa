package io.rediscache.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

import io.rediscache.agent.DaemonThreads;
import io.rediscache.agent.store.RedisApiStore;
import io.rediscache.agent.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes of {@code io.rediscache.Cache} ({@code delete}, {@code deleteKeys}) that are never
 * lost: one that cannot reach Redis is kept, retried every second until it lands, and until
 * then this JVM treats the keys it covers as absent, so it cannot serve a value its own code
 * asked to delete.
 */
final class PendingDeletes {

    private static final Logger LOG = LoggerFactory.getLogger(PendingDeletes.class);
    private static final long RETRY_MILLIS = 1000;

    private final RedisApiStore store;
    private final ConcurrentHashMap<String, Long> keys = new ConcurrentHashMap<>(); // key → guard millis
    private final ConcurrentHashMap<String, Pattern> patterns = new ConcurrentHashMap<>(); // Redis glob → regex
    private volatile boolean anyPending;
    private ScheduledExecutorService retries;

    PendingDeletes(RedisApiStore store) {
        this.store = store;
    }

    /** @return whether a value was there (false as well when the delete had to be deferred) */
    boolean delete(String key, long guardMillis) {
        try {
            return store.delete(key, guardMillis);
        } catch (StoreException e) {
            keys.put(key, guardMillis);
            defer("a delete");
            return false;
        }
    }

    /** @return how many keys were deleted (0 when the delete had to be deferred) */
    long deleteMatching(String pattern) {
        try {
            return store.deleteMatching(pattern);
        } catch (StoreException e) {
            patterns.put(pattern, Pattern.compile(globToRegex(pattern)));
            defer("a pattern delete");
            return 0;
        }
    }

    /** Whether {@code key} is covered by a delete that has not reached Redis yet. */
    boolean covers(String key) {
        if (!anyPending) {
            return false;
        }
        if (keys.containsKey(key)) {
            return true;
        }
        for (Pattern pattern : patterns.values()) {
            if (pattern.matcher(key).matches()) {
                return true;
            }
        }
        return false;
    }

    private synchronized void defer(String what) {
        anyPending = true;
        LOG.warn("Cache: {} could not reach Redis; it is retried every second, and this JVM treats the keys as absent"
                + " until it lands.", what);
        if (retries == null) {
            retries = DaemonThreads.every("delete-retry", RETRY_MILLIS, this::retry);
        }
    }

    private void retry() {
        for (String key : keys.keySet()) {
            try {
                store.delete(key, keys.get(key));
                keys.remove(key);
            } catch (StoreException | RuntimeException e) {
                return; // still unreachable: next round
            }
        }
        for (String pattern : patterns.keySet()) {
            try {
                store.deleteMatching(pattern);
                patterns.remove(pattern);
            } catch (StoreException | RuntimeException e) {
                return;
            }
        }
        if (keys.isEmpty() && patterns.isEmpty() && anyPending) {
            anyPending = false;
            LOG.info("Cache: the deletes that waited for Redis are done.");
        }
    }

    /** A Redis glob ({@code *}, {@code ?}, {@code [..]}, {@code \} escapes) as a Java regex. */
    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 1);
                if (close < 0) {
                    regex.append("\\[");
                } else {
                    String set = glob.substring(i + 1, close);
                    regex.append('[').append(set.startsWith("^") ? "^" + Pattern.quote(set.substring(1))
                            : Pattern.quote(set)).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
