package io.rediscache.agent.bridge;

/**
 * What the lock engine offers to advice code (see {@link CacheDispatcher} for why this lives
 * on the bootstrap class path). Unlike caching, locks fail closed: {@link #acquire} throws when
 * the lock cannot be had, and the body then never runs.
 */
public interface LockDispatcher {

    /**
     * Takes the lock of locked method {@code methodId} before its body runs.
     *
     * @return the held lock, to hand to {@link #release}; or a {@link SkippedCall} when the
     *     lock stayed taken and the method asked to be skipped
     * @throws RuntimeException the application's {@code LockTimeoutException} or
     *     {@code LockUnavailableException}: the body must not run
     */
    Object acquire(int methodId, Class<?> declaringType, Object[] arguments);

    /** Releases what {@link #acquire} returned, after the body returned or threw. Never throws. */
    void release(Object held);

    /**
     * Takes lock {@code name} for {@code io.rediscache.Locks} ({@code waitMillis}/{@code leaseMillis}
     * below 0: the configured defaults).
     *
     * @return the held lock: {@code close()} releases it; it is also a
     *     {@code java.util.function.LongSupplier} of its fencing token
     * @throws RuntimeException the application's {@code LockTimeoutException} or {@code LockUnavailableException}
     */
    AutoCloseable acquire(String name, long waitMillis, long leaseMillis, Class<?> caller);

    /** The fencing token of the innermost lock the current thread holds, or -1. */
    long fencingToken();

    /** Whether the innermost lock the current thread holds was lost while held: 1, 0, or -1 when it holds none. */
    int lost();
}
