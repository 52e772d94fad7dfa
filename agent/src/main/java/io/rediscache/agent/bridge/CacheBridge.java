package io.rediscache.agent.bridge;

/**
 * The only agent class that advice code calls. It is put on the bootstrap class path at start,
 * so it is visible from every class loader, including child-first web-application loaders
 * that cannot see the agent's jar.
 *
 * <p>Until the agent installs a {@link CacheDispatcher} (or when it disabled itself because of
 * a configuration error), every call runs the method uncached. This class references only
 * {@code java.*} and its own package, and catches everything: an agent failure must never
 * reach the application.
 */
public final class CacheBridge {

    private static volatile CacheDispatcher dispatcher;

    private CacheBridge() {
    }

    public static void install(CacheDispatcher installed) {
        dispatcher = installed;
    }

    /** See {@link CacheDispatcher#enter}; {@code null} means "run the body uncached". */
    public static Object enter(int methodId, Class<?> declaringType, Object self, Object[] arguments) {
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return null;
        }
        try {
            return current.enter(methodId, declaringType, self, arguments);
        } catch (Throwable agentFailure) {
            return null;
        }
    }

    /** See {@link CacheDispatcher#exit}; on any agent failure the body's own result is kept. */
    public static Object exit(Object call, Object returned) {
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return call instanceof CachedValue ? ((CachedValue) call).value : returned;
        }
        try {
            return current.exit(call, returned);
        } catch (Throwable agentFailure) {
            return call instanceof CachedValue ? ((CachedValue) call).value : returned;
        }
    }

    /** See {@link CacheDispatcher#thrown}; the application's exception propagates whatever happens here. */
    public static void thrown(Object call) {
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return;
        }
        try {
            current.thrown(call);
        } catch (Throwable agentFailure) {
            // waiting callers give up by their own bounded wait
        }
    }

    /** For {@code io.rediscache.Cache.clear}; a wrong name is thrown, an agent failure never. */
    public static void clear(String cacheName) {
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return;
        }
        try {
            current.clear(cacheName);
        } catch (IllegalArgumentException wrongName) {
            throw wrongName;
        } catch (Throwable agentFailure) {
            // logged by the engine where it can be; the application goes on
        }
    }

    /** The operation number of {@code io.rediscache.Cache.clear} in the facade's backend hook. */
    public static final int CLEAR = 11;

    /**
     * For {@code io.rediscache.Cache}'s backend hook: the agent's answer, or {@code null} to let
     * the facade's in-process store answer (no agent engine, no Redis backend, or an agent
     * failure on a read or write: the facade then works in-process rather than fail).
     */
    public static Object api(int operation, String key, String field, Object value, long ttlMillis, Object extra,
                             Class<?> facade) {
        if (operation == CLEAR) {
            clear(key);
            return Boolean.TRUE;
        }
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return null;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return current.api(operation, key, field, value, ttlMillis, extra, loader != null ? loader : facade.getClassLoader());
        } catch (Throwable agentFailure) {
            return null;
        }
    }

    /** See {@link CacheDispatcher#evict}; an agent failure never reaches the application. */
    public static void evict(int methodId, Object[] arguments) {
        CacheDispatcher current = dispatcher;
        if (current == null) {
            return;
        }
        try {
            current.evict(methodId, arguments);
        } catch (Throwable agentFailure) {
            // the engine logs what it can; the application's call has already completed normally
        }
    }

    /** For {@code io.rediscache.RequestCache.open}; without an engine there is nothing to remember. */
    public static void openScope() {
        CacheDispatcher current = dispatcher;
        if (current != null) {
            try {
                current.openScope();
            } catch (Throwable agentFailure) {
                // without a scope every lookup simply goes to Redis
            }
        }
    }

    /** For {@code io.rediscache.RequestCache.close}. */
    public static void closeScope() {
        CacheDispatcher current = dispatcher;
        if (current != null) {
            try {
                current.closeScope();
            } catch (Throwable agentFailure) {
                // nothing to undo
            }
        }
    }
}
