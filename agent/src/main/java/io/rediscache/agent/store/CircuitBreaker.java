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
 * others keep skipping. A success closes the breaker; a failure starts a new cool-down.
 * Opening and closing are each logged once, so an outage costs two log lines, not one per call.
 */
final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String target;
    private final int failureThreshold;
    private final long coolDownNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicLong retryAt = new AtomicLong();
    private volatile boolean open;

    CircuitBreaker(String target, int failureThreshold, long coolDownMillis) {
        this.target = target;
        this.failureThreshold = failureThreshold;
        this.coolDownNanos = TimeUnit.MILLISECONDS.toNanos(coolDownMillis);
    }

    /** @return {@code true} when a call may go to Redis now (closed, or this caller is the probe) */
    boolean allowsCall() {
        if (!open) {
            return true;
        }
        long due = retryAt.get();
        long now = System.nanoTime();
        return now - due >= 0 && retryAt.compareAndSet(due, now + coolDownNanos);
    }

    /** Cheaper than {@link #allowsCall()} and without claiming the probe: for "is it worth building a key?". */
    boolean isClosedOrDue() {
        return !open || System.nanoTime() - retryAt.get() >= 0;
    }

    void onSuccess() {
        consecutiveFailures.set(0);
        if (open) {
            open = false;
            LOG.info("Redis at {} answers again; cached methods use it again.", target);
        }
    }

    void onFailure(Exception cause) {
        if (open) {
            retryAt.set(System.nanoTime() + coolDownNanos);
            return;
        }
        if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
            trip(cause);
        }
    }

    /** Opens at once, as when the start-up probe finds Redis unreachable. */
    void trip(Exception cause) {
        retryAt.set(System.nanoTime() + coolDownNanos);
        if (!open) {
            open = true;
            LOG.warn("Redis at {} is unreachable or failing ({}). Cached methods run uncached and correct;"
                            + " the agent retries every {} ms and says so here when Redis is back.",
                    target, describe(cause), TimeUnit.NANOSECONDS.toMillis(coolDownNanos));
        }
    }

    boolean isOpen() {
        return open;
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
}
