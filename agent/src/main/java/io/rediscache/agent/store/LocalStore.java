package io.rediscache.agent.store;

import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The embedded default when no {@code redis.url} is set: an in-process store, bounded by the
 * total size of its values ({@code cache.local.max.bytes}) and honouring each entry's TTL. It
 * keeps bytes, not objects, so every hit decodes a fresh copy exactly as with Redis.
 */
public final class LocalStore implements CacheStore {

    private final Cache<String, Entry> entries;

    public LocalStore(long maxBytes) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> key.length() * 2 + entry.value.length + 64)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long now) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long now, long remaining) {
                        return entry.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    @Override
    public byte[] get(String key) {
        Entry entry = entries.getIfPresent(key);
        return entry == null ? null : entry.value;
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) {
        entries.put(key, new Entry(value, TimeUnit.MILLISECONDS.toNanos(ttlMillis)));
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String describe() {
        return "in-process store (no redis.url set)";
    }

    private static final class Entry {
        final byte[] value;
        final long ttlNanos;

        Entry(byte[] value, long ttlNanos) {
            this.value = value;
            this.ttlNanos = ttlNanos;
        }
    }
}
