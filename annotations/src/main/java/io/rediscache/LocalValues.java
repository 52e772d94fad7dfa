package io.rediscache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link Cache}'s values when there is no Redis backend: in this JVM, by reference, each with
 * its TTL (5 minutes unless given, as the agent's default {@code cache.ttl}), under one lock.
 * Expired entries are dropped when read or when a pattern delete walks past them.
 */
final class LocalValues {

    static final LocalValues INSTANCE = new LocalValues();
    private static final long DEFAULT_TTL_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static final Object DELETED = new Object();

    private final Map<String, Entry> entries = new HashMap<>();

    private LocalValues() {
    }

    synchronized Object apply(int operation, String key, String field, Object value, long ttlMillis, Object extra) {
        switch (operation) {
            case Cache.GET:
                return lookup(key);
            case Cache.SET:
                entries.put(key, new Entry(value, ttlMillis));
                return Boolean.TRUE;
            case Cache.SET_IF_UNCHANGED:
                Object[] now = lookup(key);
                if (!Boolean.TRUE.equals(now[0]) && now[1] == extra) {
                    entries.put(key, new Entry(value, ttlMillis));
                }
                return Boolean.TRUE;
            case Cache.DELETE:
                long deleted = 0;
                for (String each : (String[]) extra) {
                    if (Boolean.TRUE.equals(lookup(each)[0])) {
                        deleted++;
                    }
                    entries.put(each, new Entry(DELETED, DEFAULT_TTL_MILLIS)); // a marker, as the agent's tombstone
                }
                return deleted;
            case Cache.DELETE_KEYS:
                return deleteMatching(key);
            case Cache.HGET: {
                Map<String, Object> hash = hash(key, false);
                return hash != null && hash.containsKey(field) ? new Object[] {Boolean.TRUE, hash.get(field)}
                        : new Object[] {Boolean.FALSE, null};
            }
            case Cache.HSET:
                hash(key, true).put(field, value);
                return Boolean.TRUE;
            case Cache.HGET_ALL: {
                Map<String, Object> hash = hash(key, false);
                return hash == null ? Collections.<String, Object>emptyMap() : new HashMap<>(hash);
            }
            case Cache.HDEL: {
                Map<String, Object> hash = hash(key, false);
                long removed = 0;
                for (String each : (String[]) extra) {
                    if (hash != null && hash.containsKey(each)) {
                        hash.remove(each);
                        removed++;
                    }
                }
                return removed;
            }
            case Cache.HEXISTS: {
                Map<String, Object> hash = hash(key, false);
                return hash != null && hash.containsKey(field);
            }
            case Cache.CLEAR:
                return Boolean.TRUE; // no agent: no cached methods, nothing to clear
            default:
                throw new IllegalArgumentException("operation " + operation);
        }
    }

    /** @return {hit, value} on a hit, {miss, what the key holds (null or a delete marker)} on a miss */
    private Object[] lookup(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expired()) {
            entries.remove(key);
            entry = null;
        }
        if (entry == null || entry.value == DELETED) {
            return new Object[] {Boolean.FALSE, entry == null ? null : entry};
        }
        return new Object[] {Boolean.TRUE, entry.value};
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> hash(String key, boolean create) {
        Object[] found = lookup(key);
        if (Boolean.TRUE.equals(found[0])) {
            Entry entry = entries.get(key);
            entry.renew(DEFAULT_TTL_MILLIS);
            return (Map<String, Object>) entry.value;
        }
        if (!create) {
            return null;
        }
        Map<String, Object> hash = new HashMap<>();
        entries.put(key, new Entry(hash, -1));
        return hash;
    }

    private long deleteMatching(String glob) {
        Pattern pattern = Pattern.compile(globToRegex(glob));
        List<String> doomed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> entry = it.next();
            if (entry.getValue().expired() || entry.getValue().value == DELETED) {
                it.remove();
            } else if (pattern.matcher(entry.getKey()).matches()) {
                doomed.add(entry.getKey());
            }
        }
        for (String key : doomed) {
            entries.remove(key);
        }
        return doomed.size();
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '\\' && i + 1 < glob.length()) {
                regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static final class Entry {
        final Object value;
        long expiresAtNanos;

        Entry(Object value, long ttlMillis) {
            this.value = value;
            renew(ttlMillis);
        }

        void renew(long ttlMillis) {
            expiresAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis < 0 ? DEFAULT_TTL_MILLIS : ttlMillis);
        }

        boolean expired() {
            return System.nanoTime() - expiresAtNanos >= 0;
        }
    }
}
