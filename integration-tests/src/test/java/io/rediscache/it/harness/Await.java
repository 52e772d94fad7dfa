package io.rediscache.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a bound passes. While a cluster or a Sentinel group
 * changes, a node may refuse connections or answer with an error: the condition may throw, which
 * counts as "not yet".
 */
public final class Await {

    /** A check against live servers. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds; else throws after {@code bound}, naming {@code what}
     * and {@code state} (read only then) and the last error the condition threw.
     */
    static void until(Duration bound, String what, Condition condition, Supplier<String> state) {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception lastError = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not within " + bound.toSeconds() + " s"
                        + (lastError == null ? "" : " (last error: " + lastError + ")") + "; state:\n" + state.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Calls {@code call} until it returns instead of throwing (a client whose view of the
     * deployment is stale fails meanwhile), and returns its result; fails the test after {@code bound}.
     */
    public static <T> T untilWorks(Duration bound, Supplier<T> call) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException stillFailing) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the client did not work again within " + bound, stillFailing);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Fails the test if any of these processes is still alive. */
    public static void assertNoneAlive(List<Long> pids) {
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new AssertionError("redis-server " + pid + " still running");
            }
        }
    }
}
