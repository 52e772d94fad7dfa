package io.rediscache.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the agent's own (shaded) SLF4J Simple logger: stderr, one line per message, at the
 * level of {@code agent.log.level}. Must run before any agent class asks for a logger. The
 * property names below are relocated with SLF4J when the jar is shaded, so they never touch
 * an SLF4J the application ships itself.
 */
final class AgentLogging {

    private AgentLogging() {
    }

    static Logger configure(String level) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        return LoggerFactory.getLogger("redis-cache-agent");
    }
}
