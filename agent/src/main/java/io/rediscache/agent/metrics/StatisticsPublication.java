package io.rediscache.agent.metrics;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link CacheStatistics} as {@value CacheStatistics#OBJECT_NAME} in the platform
 * MBean server, on a daemon thread of its own; a failure is logged once and changes nothing else.
 *
 * <p>A class of its own, loaded only when publishing starts (at the first counted call): the
 * JVM loads the exception classes that a method catches together with its class, and
 * {@link CacheStatistics} is loaded while the agent starts, on the thread that starts the JVM,
 * which is to load nothing of {@code javax.management}.
 */
final class StatisticsPublication {

    private static final Logger LOG = LoggerFactory.getLogger(CacheStatistics.class); // its line, as before

    private StatisticsPublication() {
    }

    static void startInBackground(final CacheStatistics statistics) {
        DaemonThreads.start("jmx", new Runnable() {
            @Override
            public void run() {
                publish(statistics);
            }
        });
    }

    private static void publish(CacheStatistics statistics) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(CacheStatistics.OBJECT_NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(statistics, name);
            }
        } catch (JMException | RuntimeException | LinkageError e) {
            LOG.warn("The cache statistics cannot be published over JMX as {} ({}); caching is not affected.",
                    CacheStatistics.OBJECT_NAME, e.toString());
        }
    }
}
