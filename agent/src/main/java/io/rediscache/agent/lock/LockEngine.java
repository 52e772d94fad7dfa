package io.rediscache.agent.lock;

import java.util.HashMap;
import java.util.Map;

import io.rediscache.agent.bridge.LockDispatcher;
import io.rediscache.agent.bridge.SkippedCall;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.config.AgentConfig;
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

    private static final ThreadLocal<Map<String, Reentry>> HELD = new ThreadLocal<Map<String, Reentry>>() {
        @Override
        protected Map<String, Reentry> initialValue() {
            return new HashMap<>();
        }
    };

    private final MethodRegistry<LockedMethod> registry;
    private final LockService service;

    private LockEngine(MethodRegistry<LockedMethod> registry, LockService service) {
        this.registry = registry;
        this.service = service;
    }

    /** Locks in Redis over {@code connection}, or inside this JVM when it is {@code null} (no redis.url). */
    public static LockEngine create(MethodRegistry<LockedMethod> registry, RedisConnection connection, String namespace) {
        return new LockEngine(registry, connection == null
                ? new LocalLockService() : new RedisLockService(connection, namespace));
    }

    public String describe() {
        return service.describe();
    }

    @Override
    public Object acquire(int methodId, Class<?> declaringType, Object[] arguments) {
        LockedMethod method = registry.get(methodId);
        try {
            String name = method.name.render(arguments);
            Map<String, Reentry> held = HELD.get();
            Reentry reentry = held.get(name);
            if (reentry != null) {
                reentry.depth++;
                return reentry;
            }
            try {
                reentry = new Reentry(service.acquire(name, method.waitMillis, method.leaseMillis));
            } catch (LockFailure failure) {
                if (failure.timedOut() && method.skipOnTimeout) {
                    return SkippedCall.INSTANCE;
                }
                throw ApplicationExceptions.of(declaringType, failure.timedOut(),
                        method.signature + " did not run: " + failure.getMessage(), failure.getCause());
            }
            held.put(name, reentry);
            return reentry;
        } catch (RuntimeException | LinkageError agentFailure) {
            if (ApplicationExceptions.isLockException(agentFailure)) {
                throw agentFailure;
            }
            throw ApplicationExceptions.of(declaringType, false,
                    method == null ? "unknown locked method " + methodId : method.signature
                            + " did not run: the agent failed while taking its lock", agentFailure);
        }
    }

    @Override
    public void release(Object held) {
        Reentry reentry = (Reentry) held;
        if (--reentry.depth > 0) {
            return;
        }
        HELD.get().remove(reentry.lock.name);
        service.release(reentry.lock);
    }

    /** A held lock and how many nested calls of this thread are inside it. */
    static final class Reentry {
        final HeldLock lock;
        int depth = 1;

        Reentry(HeldLock lock) {
            this.lock = lock;
        }
    }
}
