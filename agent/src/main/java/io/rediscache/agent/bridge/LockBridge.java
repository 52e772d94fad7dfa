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
