package io.rediscache.agent.log;

import java.io.PrintStream;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One logger of the agent: each enabled call is one line on {@code System.err},
 * {@code 2026-12-06T09:29:52.599+0000 [INFO] MethodTransformer - Instrumented gen.p0.C0: …}
 * (time in UTC, level in brackets, the logger's name after its last dot, the message with its
 * {@code {}} filled in), then the stack trace of a throwable, if one was given.
 *
 * <p>That is the line slf4j-simple printed with the settings the agent gave it, which users and
 * tests search for. SLF4J's {@link LegacyAbstractLogger} decides, as it did for slf4j-simple,
 * which argument is the throwable; lines are written whole under one lock, so that lines of
 * two threads never interleave.
 */
final class AgentLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    private static final Object WRITING = new Object();

    private final transient LogThreshold threshold;
    private final String shortName;

    AgentLogger(String name, LogThreshold threshold) {
        this.name = name;
        this.threshold = threshold;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean isTraceEnabled() {
        return threshold.allows(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return threshold.allows(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return threshold.allows(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return threshold.allows(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return threshold.allows(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        StringBuilder line = new StringBuilder(96);
        UtcTimestamp.append(System.currentTimeMillis(), line)
                .append(" [").append(level.name()).append("] ")
                .append(shortName).append(" - ")
                .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
        PrintStream err = System.err; // read each time: an application may replace it
        synchronized (WRITING) {
            err.println(line);
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
            err.flush();
        }
    }
}
