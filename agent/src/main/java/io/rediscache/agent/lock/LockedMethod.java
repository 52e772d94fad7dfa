package io.rediscache.agent.lock;

/** What the lock engine needs to know about one {@code @Locked} method, resolved when its class is transformed. */
public final class LockedMethod {

    final String signature;
    final LockNameTemplate name;
    final long waitMillis;
    final long leaseMillis;
    final boolean skipOnTimeout;

    public LockedMethod(String signature, LockNameTemplate name, long waitMillis, long leaseMillis, boolean skipOnTimeout) {
        this.signature = signature;
        this.name = name;
        this.waitMillis = waitMillis;
        this.leaseMillis = leaseMillis;
        this.skipOnTimeout = skipOnTimeout;
    }

    /** The lock name as written, placeholders included: {@code sku_{0}}. */
    public String nameTemplate() {
        return name.toString();
    }
}
