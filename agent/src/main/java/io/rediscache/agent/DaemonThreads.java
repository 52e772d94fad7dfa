package io.rediscache.agent;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The agent's background threads: every one a daemon (the agent must never keep an
 * application's JVM alive) and named {@code redis-cache-agent-…}, so a thread dump says whose
 * they are.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Makes daemon threads named {@code redis-cache-agent-<name>}. */
    public static ThreadFactory named(final String name) {
        return new ThreadFactory() {
            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "redis-cache-agent-" + name);
                thread.setDaemon(true);
                return thread;
            }
        };
    }

    /** Starts {@code task} on a new daemon thread named {@code redis-cache-agent-<name>}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = named(name).newThread(task);
        thread.start();
        return thread;
    }

    /** Runs {@code task} every {@code millis} (after the previous run ended) on one daemon thread. */
    public static ScheduledExecutorService every(String name, long millis, Runnable task) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(name));
        executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
        return executor;
    }
}
