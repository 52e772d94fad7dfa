package io.rediscache.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log lines keep the layout that users and tests search for:
 * {@code 2026-12-06T09:29:52.599+0000 [INFO] MethodTransformer - Instrumented gen.p0.C0: …},
 * on stderr, at the level set, with a throwable's stack trace after its line.
 */
class AgentLoggerTest {

    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000";

    private final AgentLoggerFactory factory = new AgentLoggerFactory();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private List<String> lines() {
        return new String(captured.toByteArray(), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLineIsTimeLevelInBracketsShortNameAndMessage() {
        Logger log = factory.getLogger("io.rediscache.agent.instrument.MethodTransformer");
        log.info("Instrumented {}: cached {} (cache '{}').", "gen.p0.C0", "lookup", "C0.lookup");
        List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(TIME + " \\[INFO\\] MethodTransformer - "
                + "Instrumented gen\\.p0\\.C0: cached lookup \\(cache 'C0\\.lookup'\\)\\."), lines.get(0));
    }

    @Test
    void eachLevelIsNamedInBrackets() {
        factory.setLevel("debug");
        Logger log = factory.getLogger("redis-cache-agent");
        log.debug("d");
        log.info("i");
        log.warn("w");
        log.error("e");
        List<String> lines = lines();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches(TIME + " \\[DEBUG\\] redis-cache-agent - d"), lines.get(0));
        assertTrue(lines.get(1).matches(TIME + " \\[INFO\\] redis-cache-agent - i"), lines.get(1));
        assertTrue(lines.get(2).matches(TIME + " \\[WARN\\] redis-cache-agent - w"), lines.get(2));
        assertTrue(lines.get(3).matches(TIME + " \\[ERROR\\] redis-cache-agent - e"), lines.get(3));
    }

    @Test
    void theLevelIsInfoUntilSetAndAppliesToLoggersMadeBefore() {
        Logger log = factory.getLogger("a.b.C");
        assertFalse(log.isDebugEnabled());
        assertTrue(log.isInfoEnabled());
        log.debug("not shown");
        factory.setLevel("WARN");
        assertFalse(log.isInfoEnabled());
        assertTrue(log.isWarnEnabled());
        log.info("not shown either");
        log.warn("shown");
        factory.setLevel("error");
        log.warn("not shown");
        log.error("shown too");
        assertEquals(2, lines().size(), lines().toString());
        assertFalse(log.isTraceEnabled());
    }

    @Test
    void aTrailingThrowableIsPrintedAsAStackTraceAfterTheLine() {
        Logger log = factory.getLogger("x.RedisStore");
        log.warn("Redis {} failed", "GET", new IllegalStateException("boom"));
        List<String> lines = lines();
        assertTrue(lines.get(0).matches(TIME + " \\[WARN\\] RedisStore - Redis GET failed"), lines.get(0));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
        assertTrue(lines.get(2).trim().startsWith("at "), lines.get(2));
    }

    @Test
    void oneLoggerPerName() {
        assertTrue(factory.getLogger("n") == factory.getLogger("n"));
    }

    /** SLF4J finds this back end through META-INF/services, as the shaded jar's relocated copy of it. */
    @Test
    void slf4jBindsToTheAgentsProvider() {
        assertEquals(AgentLoggerFactory.class, LoggerFactory.getILoggerFactory().getClass());
    }
}
