package io.rediscache.agent.store;

/** What {@link CacheStore#getWithTtl} found: the stored bytes and how long they have left to live. */
public final class StoredValue {

    public final byte[] bytes;
    /** Milliseconds until the entry expires; negative when the store cannot tell. */
    public final long remainingMillis;

    public StoredValue(byte[] bytes, long remainingMillis) {
        this.bytes = bytes;
        this.remainingMillis = remainingMillis;
    }
}
