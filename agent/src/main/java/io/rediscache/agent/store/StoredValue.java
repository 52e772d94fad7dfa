package io.rediscache.agent.store;

/**
 * What a read of the store found ({@link CacheStore#getWithTtl}, {@link CacheStore#getStored}):
 * the stored bytes, how long they have left to live, and, when the store will return these same
 * bytes again (the near tier), where the caller may keep the value it decodes from them.
 */
public final class StoredValue {

    public final byte[] bytes;
    /** Milliseconds until the entry expires; negative when the store cannot tell. */
    public final long remainingMillis;
    /** Where the value decoded from {@link #bytes} may be kept for later reads to copy; {@code null}: nowhere. */
    public final DecodedSlot decoded;

    public StoredValue(byte[] bytes, long remainingMillis) {
        this(bytes, remainingMillis, null);
    }

    public StoredValue(byte[] bytes, long remainingMillis, DecodedSlot decoded) {
        this.bytes = bytes;
        this.remainingMillis = remainingMillis;
        this.decoded = decoded;
    }
}
