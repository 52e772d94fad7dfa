package io.rediscache.agent.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * The near tier's storage: a Caffeine cache of encoded values, bounded by weight (the bytes of
 * key and value) and expiring each entry at its own deadline. The only class that touches
 * Caffeine, so Caffeine is loaded only when a near cache is enabled (and on Java 11+: the agent
 * ships Caffeine 3, whose class files are Java 11; its 2.9 line uses {@code sun.misc.Unsafe},
 * which JDK 24+ reports on stderr). Maintenance runs on the calling threads: the agent starts
 * no pool threads in the application's common pool.
 */
final class NearEntries {

    private final Cache<String, NearValue> entries;

    NearEntries(long maxBytes) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, NearValue value) -> (int) Math.min(Integer.MAX_VALUE,
                        2L * key.length() + value.bytes.length + 64))
                .expireAfter(new Expiry<String, NearValue>() {
                    @Override
                    public long expireAfterCreate(String key, NearValue value, long now) {
                        return Math.max(0, value.expiresAtNanos - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, NearValue value, long now, long currentDuration) {
                        return Math.max(0, value.expiresAtNanos - now);
                    }

                    @Override
                    public long expireAfterRead(String key, NearValue value, long now, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    NearValue get(String key) {
        return entries.getIfPresent(key);
    }

    void put(String key, NearValue value) {
        entries.put(key, value);
    }

    void remove(String key) {
        entries.invalidate(key);
    }

    /** Removes the keys that start with {@code prefix} but not with {@code kept}. */
    void removeStartingWith(String prefix, String kept) {
        entries.asMap().keySet().removeIf(key -> key.startsWith(prefix) && !key.startsWith(kept));
    }

    void clear() {
        entries.invalidateAll();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** Encoded bytes, when they expire, and the value the engine decoded from them (to copy for each hit). */
    static final class NearValue {
        final byte[] bytes;
        final long expiresAtNanos;
        final DecodedSlot decoded = new DecodedSlot();

        NearValue(byte[] bytes, long expiresAtNanos) {
            this.bytes = bytes;
            this.expiresAtNanos = expiresAtNanos;
        }
    }
}
