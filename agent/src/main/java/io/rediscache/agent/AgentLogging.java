package io.rediscache.agent;

import io.rediscache.agent.log.AgentLoggerFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;

/**
 * Sets up the agent's own (shaded) SLF4J: its back end is {@link io.rediscache.agent.log.AgentLogProvider}
 * (stderr, one line per message), here set to the level of {@code agent.log.level}. Nothing is
 * set in the system properties, so nothing of this reaches an SLF4J the application ships itself.
 */
final class AgentLogging {

    private AgentLogging() {
    }

    /** @param level a checked {@code agent.log.level}: error, warn, info or debug */
    static Logger configure(String level) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof AgentLoggerFactory) { // always, unless the jar was built without its services file
            ((AgentLoggerFactory) factory).setLevel(level);
        }
        return factory.getLogger("redis-cache-agent");
    }
}
