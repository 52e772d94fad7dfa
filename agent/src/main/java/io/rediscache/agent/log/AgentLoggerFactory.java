package io.rediscache.agent.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** Makes the agent's loggers ({@link AgentLogger}), one per name, all at one {@link LogThreshold}. */
public final class AgentLoggerFactory implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final LogThreshold threshold = new LogThreshold();

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            Logger made = new AgentLogger(name, threshold);
            logger = loggers.putIfAbsent(name, made);
            if (logger == null) {
                logger = made;
            }
        }
        return logger;
    }

    /**
     * Sets the least level logged by every logger, made before or after.
     *
     * @param level {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}, any case
     * @throws IllegalArgumentException for any other text
     */
    public void setLevel(String level) {
        threshold.set(level);
    }
}
