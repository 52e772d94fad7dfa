package io.rediscache.agent.bridge;

/**
 * The entry points of {@code @Locked} advice (see {@link CacheBridge} for why a bridge). Fails
 * closed: without an installed engine, or when the engine fails, the call is refused rather
 * than run unlocked.
 */
public final class LockBridge {

    private static volatile LockDispatcher dispatcher;

    private LockBridge() {
    }

    public static void install(LockDispatcher installed) {
        dispatcher = installed;
    }

    public static Object acquire(int methodId, Class<?> declaringType, Object[] arguments) {
        LockDispatcher current = dispatcher;
        if (current == null) {
            throw new IllegalStateException("redis-cache-agent: the lock engine is not installed; the locked"
                    + " method does not run unlocked");
        }
        return current.acquire(methodId, declaringType, arguments);
    }

    /** For {@code io.rediscache.Locks}; see {@link LockDispatcher#acquire(String, long, long, Class)}. */
    public static AutoCloseable acquireNamed(String name, long waitMillis, long leaseMillis, Class<?> caller) {
        LockDispatcher current = dispatcher;
        if (current == null) {
            throw new IllegalStateException("redis-cache-agent: the lock engine is not installed; no lock is taken");
        }
        return current.acquire(name, waitMillis, leaseMillis, caller);
    }

    /** The fencing token of the current thread's innermost lock, or -1. */
    public static long fencingToken() {
        LockDispatcher current = dispatcher;
        return current == null ? -1 : current.fencingToken();
    }

    /** Whether the current thread's innermost lock was lost: 1, 0, or -1 when it holds none. */
    public static int lost() {
        LockDispatcher current = dispatcher;
        return current == null ? -1 : current.lost();
    }

    public static void release(Object held) {
        LockDispatcher current = dispatcher;
        if (current != null && held != null && !(held instanceof SkippedCall)) {
            try {
                current.release(held);
            } catch (Throwable agentFailure) {
                // release never throws into the application; the lease frees the lock
            }
        }
    }
}
