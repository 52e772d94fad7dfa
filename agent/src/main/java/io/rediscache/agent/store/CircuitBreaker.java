package io.rediscache.agent.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops paying Redis's timeout on every call once Redis is known to be down.
 *
 * <p>Closed: every call goes to Redis; {@code failureThreshold} consecutive failures open it.
 * Open: calls skip Redis (the method runs uncached) until the cool-down passes; then exactly
 * one caller, the one that wins a compare-and-set on the retry time, probes Redis while the
 * others keep skipping. The probe's success closes the breaker; its failure starts a new
 * cool-down. Opening and closing are each logged once, so an outage costs two log lines, not
 * one per call.
 *
 * <p>Every call to Redis carries the {@linkplain #admit() permit} it was admitted with: the
 * number of the outage it belongs to ({@code generation}, counted up each time the breaker
 * opens) and whether it is the probe. Calls admitted before the breaker opened finish after it
 * did (they were already waiting on the socket when Redis died or hung); their late results say
 * nothing about Redis now, so only the probe of the current outage may close the breaker, and a
 * failure counts only within the generation it was admitted in. Without this, one reply that
 * was on its way when Redis was killed closed the breaker again, the next calls reopened it,
 * and the log flapped between "unreachable" and "answers again". The transitions themselves
 * are {@code synchronized} (they are rare) so that racing threads log each one exactly once;
 * the per-call path is lock-free.
 *
 * <p>Only failures to reach Redis belong here. A write that Redis refuses because it is full
 * ({@code OOM}) is a reply: the server is there and still serves reads, so the stores do not
 * report it as a failure ({@link RedisStore#failure}). Nor does a wait for a pooled connection
 * that ran out, on any topology: a busy pool is not a failing Redis ({@link PoolExhaustion}).
 */
final class CircuitBreaker {

    /** Returned by {@link #admit()} when the call must skip Redis. */
    static final long SKIP = -1;

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String target;
    private final PoolExhaustion exhaustion;
    private final int failureThreshold;
    private final long coolDownNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong retryAt = new AtomicLong();
    private volatile long generation;
    private volatile boolean open;
    private volatile Listener listener;

    CircuitBreaker(String target, PoolExhaustion exhaustion, int failureThreshold, long coolDownMillis) {
        this.target = target;
        this.exhaustion = exhaustion;
        this.failureThreshold = failureThreshold;
        this.coolDownNanos = TimeUnit.MILLISECONDS.toNanos(coolDownMillis);
    }

    /** Told of every opening and closing, on the thread that caused it: it must return at once. */
    void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * @return {@link #SKIP} when the call must not go to Redis now; otherwise the permit to hand
     *     to {@link #onSuccess} or {@link #onFailure} when the call is done (closed, or this
     *     caller is the one probe of the current cool-down)
     */
    long admit() {
        long current = generation;
        if (!open) {
            return current << 1;
        }
        long due = retryAt.get();
        long now = System.nanoTime();
        if (now - due >= 0 && retryAt.compareAndSet(due, now + coolDownNanos)) {
            return current << 1 | 1;
        }
        return SKIP;
    }

    /** Cheaper than {@link #admit()} and without claiming the probe: for "is it worth building a key?". */
    boolean isClosedOrDue() {
        return !open || System.nanoTime() - retryAt.get() >= 0;
    }

    void onSuccess(long permit) {
        if (isProbe(permit)) {
            close(permit >>> 1);
        } else if (consecutiveFailures.get() != 0 && !open) {
            consecutiveFailures.set(0);
        }
    }

    void onFailure(long permit, Exception cause) {
        if (isProbe(permit)) {
            retryAt.set(System.nanoTime() + coolDownNanos);
            return;
        }
        if (open || permit >>> 1 != generation) {
            return; // admitted before the current outage began or after the last one ended: nothing new
        }
        if (exhaustion.seenIn(cause)) {
            return; // busy, not failing: see PoolExhaustedException
        }
        if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
            trip(cause);
        }
    }

    /** Opens at once, as when the start-up probe finds Redis unreachable. */
    synchronized void trip(Exception cause) {
        if (open) {
            return;
        }
        retryAt.set(System.nanoTime() + coolDownNanos);
        generation++;
        open = true;
        LOG.warn("Redis at {} is unreachable or failing ({}). Cached methods run uncached and correct;"
                        + " the agent retries every {} ms and says so here when Redis is back.",
                target, describe(cause), TimeUnit.NANOSECONDS.toMillis(coolDownNanos));
        Listener current = listener;
        if (current != null) {
            current.opened();
        }
    }

    private synchronized void close(long probedGeneration) {
        if (!open || probedGeneration != generation) {
            return;
        }
        consecutiveFailures.set(0);
        open = false;
        LOG.info("Redis at {} answers again; cached methods use it again.", target);
        Listener current = listener;
        if (current != null) {
            current.closed();
        }
    }

    private static boolean isProbe(long permit) {
        return (permit & 1) != 0;
    }

    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = cause; current != null && text.length() < 300; current = current.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(current.getClass().getSimpleName());
            if (current.getMessage() != null) {
                text.append(' ').append(current.getMessage());
            }
        }
        return text.toString();
    }

    /** What the store does when the breaker opens and closes. */
    interface Listener {
        /** Redis was found unreachable or failing. */
        void opened();

        /** Redis answers again after an outage. */
        void closed();
    }
}
