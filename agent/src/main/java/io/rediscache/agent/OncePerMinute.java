package io.rediscache.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gate for warnings about a condition that can last (a full queue, a busy pool): open for the
 * first caller, then again at most once a minute, so a condition met on every call costs one log
 * line a minute, not one per call. Lock-free: racing callers let exactly one through.
 */
public final class OncePerMinute {

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());

    /** @return {@code true} for the one caller that should say it now */
    public boolean due() {
        long next = nextNanos.get();
        long now = System.nanoTime();
        return now - next >= 0 && nextNanos.compareAndSet(next, now + MINUTE_NANOS);
    }
}
