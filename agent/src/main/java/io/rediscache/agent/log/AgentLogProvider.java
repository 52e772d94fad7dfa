package io.rediscache.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The agent's SLF4J 2 back end, found by SLF4J's {@code ServiceLoader} through
 * {@code META-INF/services} (relocated with SLF4J when the jar is shaded, so an application's
 * own SLF4J never sees it, nor the agent's SLF4J the application's). It replaces slf4j-simple,
 * whose configured date format cost every JVM about 70 ms at start (see {@link UtcTimestamp});
 * the lines it prints are the same. Like slf4j-simple, it keeps no MDC.
 */
public final class AgentLogProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this provider is written against (as {@code slf4j-simple 2.0.x} declares it). */
    private static final String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private volatile AgentLoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        loggers = new AgentLoggerFactory();
    }
}
