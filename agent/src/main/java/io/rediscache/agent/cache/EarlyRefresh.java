package io.rediscache.agent.cache;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Early refresh ({@code cache.refresh.early=true}): a hot key is recomputed before it expires,
 * in the background, so its callers keep getting hits and never wait for the method.
 *
 * <p>When: probabilistic early expiration, "XFetch" (Vattani, Chierichetti, Lowenstein,
 * <i>Optimal Probabilistic Cache Stampede Prevention</i>, VLDB 2015). Each hit draws
 * {@code -delta * beta * ln(rand())} and refreshes when that reaches the entry's remaining TTL;
 * {@code delta} is how long the method took to compute the value (stored in the value's
 * envelope), {@code beta} is {@code cache.refresh.beta}. A slow method is refreshed earlier, and
 * JVMs that share a key draw independently, so they do not all refresh at the same moment.
 *
 * <p>How: the hit that decides to refresh still returns its value at once. It registers a
 * {@link SingleFlight} flight for the key (if one is in progress, nothing more happens: one
 * refresh per key per JVM at a time) and hands the call to a small pool of daemon threads,
 * which calls the method again, by reflection, with the same receiver and arguments. The
 * agent's advice recognises that call ({@link #pending}) and lets the body run; the result
 * replaces the entry only if the entry still holds the value that was read (so an eviction
 * during the refresh wins) and with a fresh TTL. With {@code cache.stampede.lock=true} the
 * refresh first takes the key's {@link LoadingLock}, so one JVM refreshes at a time.
 *
 * <p>Limits: the refresh runs on an agent thread, without the caller's thread-locals (security
 * or transaction context), with the same argument objects; {@code perUser} caches are never
 * refreshed early for that reason. A refresh that fails (the body throws, the method cannot be
 * called by reflection) is logged once per method and changes nothing: the entry expires as it
 * would have. When the pool is busy (more than {@value #QUEUE} refreshes waiting) refreshes are
 * skipped.
 */
final class EarlyRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyRefresh.class);
    private static final int QUEUE = 1000;
    /** The refresh the current (pool) thread is about to make: consumed by the engine's enter. */
    private static final ThreadLocal<Pending> PENDING = new ThreadLocal<Pending>();

    private final double beta;
    private final SingleFlight flights;
    private final LoadingLock lock;
    private final ThreadPoolExecutor pool;

    /** @param lock the cross-JVM loading lock, or {@code null} when {@code cache.stampede.lock} is off */
    EarlyRefresh(double beta, SingleFlight flights, LoadingLock lock) {
        this.beta = beta;
        this.flights = flights;
        this.lock = lock;
        this.pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(QUEUE),
                DaemonThreads.named("refresh"));
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * The XFetch test.
     *
     * @param computeMillis the stored compute time, negative when the value carries none
     * @param remainingMillis the entry's remaining TTL, negative when unknown
     */
    boolean isDue(int computeMillis, long remainingMillis, long ttlMillis) {
        if (computeMillis <= 0 || remainingMillis < 0) {
            return false;
        }
        double delta = Math.min(computeMillis, ttlMillis); // bytes from Redis are untrusted: bound them
        return -delta * beta * Math.log(ThreadLocalRandom.current().nextDouble()) >= remainingMillis;
    }

    /** Starts a background refresh of {@code key} unless one is in progress in this JVM. */
    void refresh(final CachedMethod method, String key, byte[] seen, final Class<?> declaringType, final Object self,
                 final Object[] arguments) {
        if (method.perUser()) {
            return;
        }
        final SingleFlight.Flight flight = new SingleFlight.Flight(key, null);
        if (flights.register(flight) != null) {
            return;
        }
        final Pending pending = new Pending(method, flight, seen);
        try {
            pool.execute(new Runnable() {
                @Override
                public void run() {
                    callAgain(pending, declaringType, self, arguments);
                }
            });
        } catch (RejectedExecutionException busy) {
            flights.finish(flight, null);
        }
    }

    private void callAgain(Pending pending, Class<?> declaringType, Object self, Object[] arguments) {
        CachedMethod method = pending.method;
        try {
            if (lock != null && !lock.tryTake(pending.flight)) {
                return;
            }
            Method target = method.reflective(declaringType);
            PENDING.set(pending);
            target.invoke(self, arguments);
        } catch (InvocationTargetException e) {
            method.warnOnce(LOG, "refresh-threw", "An early refresh of {} threw {}; the entry was kept and expires"
                    + " as usual.", method.signature(), e.getCause().getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            method.warnOnce(LOG, "refresh-failed", "{} cannot be refreshed early ({}); its entries expire as usual."
                    + " Set cache.refresh.early=false to stop trying.", method.signature(), e.toString());
        } finally {
            PENDING.remove();
            if (lock != null) {
                lock.release(pending.flight);
            }
            flights.finish(pending.flight, null); // no-op when the engine finished it with the new bytes
        }
    }

    /** @return the refresh the current thread is making of {@code method}, once; else {@code null} */
    static Pending pending(CachedMethod method) {
        Pending pending = PENDING.get();
        if (pending == null || pending.method != method) {
            return null;
        }
        PENDING.remove();
        return pending;
    }

    /** A refresh on its way into the method: its flight, and the value it replaces. */
    static final class Pending {
        final CachedMethod method;
        final SingleFlight.Flight flight;
        final byte[] seen;

        Pending(CachedMethod method, SingleFlight.Flight flight, byte[] seen) {
            this.method = method;
            this.flight = flight;
            this.seen = seen;
        }
    }
}
