package io.rediscache;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Distributed locks for code that can be edited: the programmatic face of {@link Locked}.
 *
 * <pre>{@code
 * try (Locks.Held held = Locks.acquire("inventory_sync", Duration.ofSeconds(5))) {
 *     inventory.write(data, held.fencingToken());
 * }
 * Locks.run("process_payroll", () -> payroll.run());
 * Report report = Locks.call("monthly_report", () -> reports.build());
 * }</pre>
 *
 * <p>With the redis-cache agent attached, these are the agent's Redis locks, the same as
 * {@code @Locked} (same keys, leases, renewal, fencing tokens, re-entrancy per thread and name,
 * failing closed). Without the agent they are locks inside this JVM only, and the first use says
 * so once on the {@code java.util.logging} logger {@code io.rediscache.Locks}.
 */
public final class Locks {

    private static final Logger LOG = Logger.getLogger(Locks.class.getName());
    private static final AtomicBoolean SAID_LOCAL = new AtomicBoolean();
    private static final ConcurrentMap<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
    private static final AtomicLong LOCAL_FENCING = new AtomicLong();
    private static final ThreadLocal<Deque<Held>> LOCAL_HELD = new ThreadLocal<Deque<Held>>() {
        @Override
        protected Deque<Held> initialValue() {
            return new ArrayDeque<>();
        }
    };

    private Locks() {
    }

    /**
     * Takes the lock {@code name}, waiting at most {@code wait} ({@link Duration#ZERO}: try once),
     * with the agent's default lease ({@code lock.lease}).
     *
     * @return the held lock; close it to release (try-with-resources)
     * @throws LockTimeoutException when another holder kept it for the whole wait
     * @throws LockUnavailableException when Redis cannot be asked (the lock is never assumed)
     */
    public static Held acquire(String name, Duration wait) {
        return acquire(name, wait, null);
    }

    /** As {@link #acquire(String, Duration)}, with an explicit lease ({@code null}: {@code lock.lease}). */
    public static Held acquire(String name, Duration wait, Duration lease) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a lock needs a non-empty name");
        }
        AutoCloseable handle = backendAcquire(name, wait == null ? -1 : wait.toMillis(), lease == null ? -1 : lease.toMillis());
        return new Held(name, handle);
    }

    /** Runs {@code body} while holding {@code name}, waiting at most the agent's {@code lock.wait}. */
    public static void run(String name, Runnable body) {
        try (Held ignored = acquire(name, null, null)) {
            body.run();
        }
    }

    /** Calls {@code body} while holding {@code name}, waiting at most the agent's {@code lock.wait}; returns its result. */
    public static <T> T call(String name, Callable<T> body) throws Exception {
        try (Held ignored = acquire(name, null, null)) {
            return body.call();
        }
    }

    /**
     * The fencing token of the innermost lock the current thread holds, from {@code @Locked} or
     * from this class: strictly increasing per lock name, so a resource that remembers the
     * highest token it saw can reject a write from a holder that lost the lock while paused.
     *
     * @throws IllegalStateException when the thread holds no lock
     */
    public static long fencingToken() {
        long token = backendFencingToken();
        if (token < 0) {
            throw new IllegalStateException("the current thread holds no lock");
        }
        return token;
    }

    /**
     * Whether the innermost lock the current thread holds (from {@code @Locked} or from this
     * class) was lost while held: its lease could not be renewed (Redis unreachable, or the key
     * expired or changed hands), so another holder may now run at the same time. The agent also
     * logs it. A long body can check this between steps and stop, and should in any case pass the
     * {@link #fencingToken()} to the resources it writes.
     *
     * @throws IllegalStateException when the thread holds no lock
     */
    public static boolean isLost() {
        int lost = backendLost();
        if (lost < 0) {
            throw new IllegalStateException("the current thread holds no lock");
        }
        return lost == 1;
    }

    /** Replaced by the agent when it is attached. Without the agent: a lock inside this JVM is never lost. */
    private static int backendLost() {
        return LOCAL_HELD.get().isEmpty() ? -1 : 0;
    }

    /**
     * Replaced by the agent when it is attached (its advice returns the Redis lock and skips
     * this body). Without the agent: a lock inside this JVM.
     */
    private static AutoCloseable backendAcquire(String name, long waitMillis, long leaseMillis) {
        if (SAID_LOCAL.compareAndSet(false, true)) {
            LOG.warning("io.rediscache.Locks: the redis-cache agent is not attached; locks are local to this JVM.");
        }
        final ReentrantLock lock = LOCAL.computeIfAbsent(name, n -> new ReentrantLock());
        boolean taken;
        try {
            taken = waitMillis <= 0 ? lock.tryLock() : lock.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new LockTimeoutException("lock '" + name + "' stayed held by another thread of this JVM");
        }
        final long token = LOCAL_FENCING.incrementAndGet();
        return new LocalHandle(lock, token);
    }

    /** Replaced by the agent when it is attached. Without the agent: the innermost lock of this class. */
    private static long backendFencingToken() {
        Held innermost = LOCAL_HELD.get().peek();
        return innermost == null ? -1 : innermost.fencingToken();
    }

    /** A lock held by the current thread. Close it (once) to release it. */
    public static final class Held implements AutoCloseable {
        private final String name;
        private final AutoCloseable handle;
        private boolean closed;

        Held(String name, AutoCloseable handle) {
            this.name = name;
            this.handle = handle;
            if (handle instanceof LocalHandle) {
                LOCAL_HELD.get().push(this);
            }
        }

        public String name() {
            return name;
        }

        /** This acquisition's fencing token (see {@link Locks#fencingToken()}). */
        public long fencingToken() {
            return ((LongSupplier) handle).getAsLong();
        }

        /** Whether this lock was lost while held (see {@link Locks#isLost()}). */
        public boolean isLost() {
            return handle instanceof BooleanSupplier && ((BooleanSupplier) handle).getAsBoolean();
        }

        /** Releases the lock; a second call does nothing. Never throws. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (handle instanceof LocalHandle) {
                LOCAL_HELD.get().remove(this);
            }
            try {
                handle.close();
            } catch (Exception releaseFailure) {
                // the lease frees the lock; the agent logs release failures itself
            }
        }
    }

    private static final class LocalHandle implements AutoCloseable, LongSupplier {
        private final ReentrantLock lock;
        private final long token;

        LocalHandle(ReentrantLock lock, long token) {
            this.lock = lock;
            this.token = token;
        }

        @Override
        public long getAsLong() {
            return token;
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }
}
