package io.rediscache.agent.lock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.rediscache.agent.bridge.LockDispatcher;
import io.rediscache.agent.bridge.SkippedCall;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.store.RedisConnection;

/**
 * The logic behind every {@code @Locked} method: name → re-entrancy → lock service.
 *
 * <p>Re-entrancy is per thread and per lock name: a thread that already holds a lock enters
 * again without asking Redis, and the lock is released when its outermost holder returns.
 * Failures become the application's own exceptions (its {@code io.rediscache} classes, through
 * the declaring class's loader), and the body does not run: locks fail closed, including on an
 * agent failure.
 */
public final class LockEngine implements LockDispatcher {

    /** What the current thread holds: by name (re-entrancy), and innermost first (fencing token). */
    private static final ThreadLocal<ThreadLocks> HELD = new ThreadLocal<ThreadLocks>() {
        @Override
        protected ThreadLocks initialValue() {
            return new ThreadLocks();
        }
    };

    private final MethodRegistry<LockedMethod> registry;
    private final LockService service;
    private final long defaultWaitMillis;
    private final long defaultLeaseMillis;

    private LockEngine(MethodRegistry<LockedMethod> registry, LockService service, AgentConfig config) {
        this.registry = registry;
        this.service = service;
        this.defaultWaitMillis = config.millis(Setting.LOCK_WAIT);
        this.defaultLeaseMillis = config.millis(Setting.LOCK_LEASE);
    }

    /** Locks in Redis over {@code connection}, or inside this JVM when it is {@code null} (no redis.url). */
    public static LockEngine create(MethodRegistry<LockedMethod> registry, RedisConnection connection, AgentConfig config) {
        return new LockEngine(registry, connection == null
                ? new LocalLockService() : new RedisLockService(connection, config.text(Setting.CACHE_NAMESPACE),
                        config.count(Setting.LOCK_REPLICAS), config.millis(Setting.LOCK_REPLICAS_TIMEOUT)), config);
    }

    public String describe() {
        return service.describe();
    }

    @Override
    public Object acquire(int methodId, Class<?> declaringType, Object[] arguments) {
        LockedMethod method = registry.get(methodId);
        String what = method == null ? "locked method #" + methodId : method.signature;
        try {
            String name = method.name.render(arguments);
            return reenterOrAcquire(name, method.name.toString(), method.waitMillis, method.leaseMillis);
        } catch (LockFailure failure) {
            if (failure.timedOut() && method.skipOnTimeout) {
                return SkippedCall.INSTANCE;
            }
            throw ApplicationExceptions.of(declaringType, failure.timedOut(),
                    what + " did not run: " + failure.getMessage(), failure.getCause());
        } catch (RuntimeException | LinkageError agentFailure) {
            throw failClosed(declaringType, what, agentFailure);
        }
    }

    @Override
    public AutoCloseable acquire(String name, long waitMillis, long leaseMillis, Class<?> caller) {
        try {
            return reenterOrAcquire(name, name, waitMillis < 0 ? defaultWaitMillis : waitMillis,
                    leaseMillis <= 0 ? defaultLeaseMillis : leaseMillis);
        } catch (LockFailure failure) {
            throw ApplicationExceptions.of(caller, failure.timedOut(), failure.getMessage(), failure.getCause());
        } catch (RuntimeException | LinkageError agentFailure) {
            throw failClosed(caller, "Locks.acquire(\"" + name + "\")", agentFailure);
        }
    }

    private Reentry reenterOrAcquire(String name, String shown, long waitMillis, long leaseMillis) throws LockFailure {
        ThreadLocks mine = HELD.get();
        Reentry reentry = mine.byName.get(name);
        if (reentry == null) {
            reentry = new Reentry(this, service.acquire(name, shown, waitMillis, leaseMillis));
            mine.byName.put(name, reentry);
        } else {
            reentry.depth++;
        }
        mine.innermostFirst.push(reentry);
        return reentry;
    }

    private static RuntimeException failClosed(Class<?> caller, String what, Throwable agentFailure) {
        if (ApplicationExceptions.isLockException(agentFailure)) {
            return (RuntimeException) agentFailure;
        }
        return ApplicationExceptions.of(caller, false, what + " did not run: the agent failed while taking its lock",
                agentFailure);
    }

    @Override
    public void release(Object held) {
        Reentry reentry = (Reentry) held;
        ThreadLocks mine = HELD.get();
        mine.innermostFirst.removeFirstOccurrence(reentry);
        if (--reentry.depth > 0) {
            return;
        }
        mine.byName.remove(reentry.lock.name);
        service.release(reentry.lock);
    }

    @Override
    public long fencingToken() {
        Reentry innermost = HELD.get().innermostFirst.peek();
        return innermost == null ? -1 : innermost.lock.fencingToken;
    }

    @Override
    public int lost() {
        Reentry innermost = HELD.get().innermostFirst.peek();
        return innermost == null ? -1 : innermost.lock.lost ? 1 : 0;
    }

    private static final class ThreadLocks {
        final Map<String, Reentry> byName = new HashMap<>();
        final Deque<Reentry> innermostFirst = new ArrayDeque<>();
    }

    /**
     * A held lock and how many nested acquisitions of this thread are inside it; closing it (the
     * {@code Locks} API) is one release.
     */
    static final class Reentry implements AutoCloseable, LongSupplier, BooleanSupplier {
        final LockEngine engine;
        final HeldLock lock;
        int depth = 1;

        Reentry(LockEngine engine, HeldLock lock) {
            this.engine = engine;
            this.lock = lock;
        }

        @Override
        public long getAsLong() {
            return lock.fencingToken;
        }

        /** Whether the lock was lost while held ({@code Locks.Held.isLost()}). */
        @Override
        public boolean getAsBoolean() {
            return lock.lost;
        }

        @Override
        public void close() {
            engine.release(this);
        }
    }
}
