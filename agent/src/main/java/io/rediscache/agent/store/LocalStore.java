package io.rediscache.agent.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default when no {@code redis.url} is set: an in-process store, bounded by the
 * total size of its values ({@code cache.local.max.bytes}) and honouring each entry's TTL. It
 * keeps bytes, not objects, so every hit decodes a fresh copy exactly as with Redis.
 *
 * <p>How it works: one access-ordered {@link LinkedHashMap} under one lock. A read of an
 * expired entry removes it and is a miss; a write that takes the total weight over the bound
 * evicts the least recently used entries until it fits. Expired entries nobody reads again
 * stay until they are evicted, so memory is bounded by the weight, not by the TTLs. One lock
 * is enough for a fallback store whose critical sections are a few map operations. (Not
 * Caffeine: its Java 8 line uses {@code sun.misc.Unsafe}, which JDK 24+ reports on the
 * application's stderr.)
 */
public final class LocalStore implements CacheStore {

    private static final int ENTRY_OVERHEAD_BYTES = 64;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Long> generations = new java.util.HashMap<>();
    private long totalBytes;

    public LocalStore(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized long generation(String cacheName) {
        Long generation = generations.get(cacheName);
        return generation == null ? 0 : generation;
    }

    /** Starts a new generation and drops the cache's entries at once: the map is in this process, so that is cheap. */
    @Override
    public synchronized long clear(String cacheName, String keyPrefix) {
        long generation = Math.max(generation(cacheName) + 1, System.currentTimeMillis());
        generations.put(cacheName, generation);
        Iterator<Map.Entry<String, Entry>> all = entries.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<String, Entry> entry = all.next();
            if (entry.getKey().startsWith(keyPrefix)) {
                totalBytes -= entry.getValue().weight;
                all.remove();
            }
        }
        return generation;
    }

    @Override
    public synchronized boolean setIfUnchanged(String key, byte[] value, long ttlMillis, byte[] seen) {
        byte[] current = get(key);
        if (current == null ? seen != null : seen == null || !java.util.Arrays.equals(current, seen)) {
            return false;
        }
        set(key, value, ttlMillis);
        return true;
    }

    @Override
    public synchronized void evict(String key, long guardMillis) {
        set(key, Tombstone.create(), guardMillis);
    }

    @Override
    public synchronized byte[] get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos >= 0) {
            remove(key);
            return null;
        }
        return entry.value;
    }

    @Override
    public synchronized StoredValue getWithTtl(String key) {
        byte[] value = get(key);
        return value == null ? null
                : new StoredValue(value, TimeUnit.NANOSECONDS.toMillis(entries.get(key).expiresAtNanos - System.nanoTime()));
    }

    /** Always granted: this store lives in one JVM, whose own single flight already keeps loads apart. */
    @Override
    public boolean tryLock(String lockKey, String token, long leaseMillis) {
        return true;
    }

    @Override
    public void unlock(String lockKey, String token) {
        // nothing was taken
    }

    @Override
    public synchronized void set(String key, byte[] value, long ttlMillis) {
        Entry entry = new Entry(value, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis), weigh(key, value));
        remove(key);
        entries.put(key, entry);
        totalBytes += entry.weight;
        Iterator<Map.Entry<String, Entry>> eldestFirst = entries.entrySet().iterator();
        while (totalBytes > maxBytes && eldestFirst.hasNext()) {
            totalBytes -= eldestFirst.next().getValue().weight;
            eldestFirst.remove();
        }
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String describe() {
        return "in-process store (no redis.url set)";
    }

    private void remove(String key) {
        Entry previous = entries.remove(key);
        if (previous != null) {
            totalBytes -= previous.weight;
        }
    }

    private static long weigh(String key, byte[] value) {
        return key.length() * 2L + value.length + ENTRY_OVERHEAD_BYTES;
    }

    private static final class Entry {
        final byte[] value;
        final long expiresAtNanos;
        final long weight;

        Entry(byte[] value, long expiresAtNanos, long weight) {
            this.value = value;
            this.expiresAtNanos = expiresAtNanos;
            this.weight = weight;
        }
    }
}
