package io.rediscache.agent.lock;

/** One acquisition of a lock: what releasing and renewing it need. */
final class HeldLock {

    final String name;
    /** How messages name the lock: as written (a template such as {@code sku_{0}}), never with argument values. */
    final String shown;
    final String key;
    final String token;
    final long fencingToken;
    final long leaseMillis;
    /** When the lease is renewed next ({@link System#nanoTime()}); written by {@link LeaseRenewals} and a renewal to retry. */
    volatile long nextRenewalNanos;
    /**
     * When the lease Redis holds now began, at the latest ({@link System#nanoTime()} taken before
     * the acquiring or last renewing command was sent): the key lives at least until this plus the lease.
     */
    volatile long leaseSinceNanos;
    /** Set before the release script runs: a renewal that fails after it is no loss. */
    volatile boolean released;
    volatile boolean lost;

    HeldLock(String name, String shown, String key, String token, long fencingToken, long leaseMillis, long leaseSinceNanos) {
        this.name = name;
        this.shown = shown;
        this.key = key;
        this.token = token;
        this.fencingToken = fencingToken;
        this.leaseMillis = leaseMillis;
        this.leaseSinceNanos = leaseSinceNanos;
    }
}
