package io.rediscache.agent.log;

import java.util.Locale;

import org.slf4j.event.Level;

/**
 * The least level the agent logs ({@code agent.log.level}), shared by all its loggers. INFO
 * until {@link #set} is called, which may be after loggers exist: each call reads it anew.
 */
final class LogThreshold {

    private volatile int least = Level.INFO.toInt();

    boolean allows(Level level) {
        return level.toInt() >= least;
    }

    /** @param level {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}, any case */
    void set(String level) {
        least = Level.valueOf(level.trim().toUpperCase(Locale.ROOT)).toInt();
    }
}
