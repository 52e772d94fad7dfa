package io.rediscache.it.harness;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The agent's JMX statistics ({@code io.rediscache:type=CacheStatistics}), read inside a forked
 * application. The agent publishes them in the background after the first cached call, so
 * every read first waits for them, at most 10 s.
 */
public final class AgentStatistics {

    private static final String NAME = "io.rediscache:type=CacheStatistics";

    private AgentStatistics() {
    }

    /** The statistics' name once they are published (or after 10 s, when a read then fails). */
    public static ObjectName published() throws Exception {
        ObjectName statistics = new ObjectName(NAME);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(statistics) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return statistics;
    }

    /** One counter, e.g. {@code Hits} or {@code NearHits}. */
    public static long counter(String name) throws Exception {
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(published(), name);
    }
}
