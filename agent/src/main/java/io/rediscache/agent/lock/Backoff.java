package io.rediscache.agent.lock;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pause between two tries of a taken lock: starts at 2 ms and doubles up to 50 ms, with
 * jitter so that waiters of many JVMs do not retry in step, and never past the deadline. With
 * Redis, a release notification ends the pause early ({@link ReleaseNotifications}).
 */
final class Backoff {

    private static final long FIRST_MICROS = 2_000;
    private static final long LONGEST_MICROS = 50_000;

    private final long deadlineNanos;
    private long nextMicros = FIRST_MICROS;

    Backoff(long waitMillis) {
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    /** Sleeps the next pause. @return {@code false} when the wait is over (deadline passed, or interrupted) */
    boolean pause() {
        long pauseNanos = nextPauseNanos();
        if (pauseNanos <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pauseNanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the next pause, or 0 when the deadline has passed */
    long nextPauseNanos() {
        long remainingMicros = TimeUnit.NANOSECONDS.toMicros(deadlineNanos - System.nanoTime());
        if (remainingMicros <= 0) {
            return 0;
        }
        long pause = Math.min(remainingMicros, nextMicros / 2 + ThreadLocalRandom.current().nextLong(nextMicros / 2 + 1));
        nextMicros = Math.min(nextMicros * 2, LONGEST_MICROS);
        return TimeUnit.MICROSECONDS.toNanos(pause);
    }
}
