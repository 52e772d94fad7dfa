package io.rediscache.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The agent's own counters in this JVM (JMX {@code io.rediscache:type=CacheStatistics}), for the trials' checks. */
final class AgentStatistics {

    private AgentStatistics() {
    }

    /** One counter, such as {@code Hits} or {@code NearHits}; the MBean is registered in the background at the first counted call. */
    static long get(String name) throws JMException, InterruptedException {
        ObjectName statistics = new ObjectName("io.rediscache:type=CacheStatistics");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(statistics) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return ((Number) server.getAttribute(statistics, name)).longValue();
    }
}
