package io.rediscache.it.startup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent's premain loads on the thread that starts the JVM (the application's
 * {@code main} waits for all of it), read from HotSpot's class-loading log with the loading
 * thread ({@code -Xlog:class+load:…:tid}): from the agent's premain class to the application's
 * main class, that thread must load none of the classes whose loading was found to cost tens of
 * milliseconds there. They all still load, on the agent's background threads or at first use.
 *
 * <ul>
 *   <li>{@code java.text.SimpleDateFormat}: its first use initialises Calendar, the CLDR locale
 *       providers and the time-zone data (about 70 ms); the agent's log lines are formatted
 *       without it;</li>
 *   <li>Jedis and commons-pool2: the client is built on the agent's connect thread;</li>
 *   <li>{@code javax.management}: the statistics are published over JMX at the first counted
 *       call, on a thread of their own;</li>
 *   <li>lambdas and method references of the agent's classes: each one's first call spins a
 *       class through {@code java.lang.invoke}; premain uses anonymous classes;</li>
 *   <li>{@code java.util.regex}: the settings are checked without regular expressions, unless
 *       a setting that needs one is given (none is here);</li>
 *   <li>Kryo and Objenesis: the first value encoded or decoded makes the first Kryo instance
 *       (on Java 24+, premain initialises one Kryo class without {@code sun.misc.Unsafe}; this
 *       test runs on 17);</li>
 *   <li>{@code jdk.internal.jimage}: SLF4J's search for its provider reads the agent jar only,
 *       not the JDK's module image.</li>
 * </ul>
 * Nor is the premain class loaded a second time, into the agent's own class loader.
 * With Redis and with the in-process store.
 *
 * <p>The log names only the thread that loaded a class first: a class that a background thread
 * (connect, Byte Buddy) happened to load before premain reached it is not seen here. So a pass
 * can hide a dependency that timing covers; when changing what premain touches, also look with
 * the connect thread held back (a sleep at the start of its task, in a scratch build).
 */
@ExtendWith(RedisHarness.class)
class PremainClassLoadsTest {

    private static final Pattern LINE = Pattern.compile("^\\[[^]]*\\]\\[(\\d+)\\] (\\S+) source: .*");

    @TempDir
    Path work;

    @Test
    void withRedis(RedisTarget redis) throws Exception {
        List<String> loaded = loadedByPremain(ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", RedisTarget.uniqueNamespace("premain-loads")));
        assertNoneOf(loaded);
    }

    @Test
    void withTheInProcessStore() throws Exception {
        assertNoneOf(loadedByPremain(ForkedJvm.withAgent()));
    }

    private static void assertNoneOf(List<String> loaded) {
        assertTrue(loaded.contains("io.rediscache.agent.AgentStartup"), "the log was read: " + loaded);
        assertFalse(loaded.contains("java.text.SimpleDateFormat"), "the log lines' time needs no SimpleDateFormat");
        List<String> redis = matching(loaded, "io.rediscache.agent.shaded.redis.clients.",
                "io.rediscache.agent.shaded.org.apache.commons.pool2.");
        assertTrue(redis.isEmpty(), "Jedis and commons-pool2 load on the connect thread, not in premain: " + redis);
        List<String> jmx = matching(loaded, "javax.management.", "java.lang.management.");
        assertTrue(jmx.isEmpty(), "JMX loads when the statistics are first published: " + jmx);
        List<String> lambdas = new ArrayList<>();
        for (String name : matching(loaded, "io.rediscache.agent.")) {
            if (name.contains("$$Lambda")) {
                lambdas.add(name);
            }
        }
        assertTrue(lambdas.isEmpty(), "no lambda or method reference of the agent runs in premain: " + lambdas);
        List<String> regex = matching(loaded, "java.util.regex.");
        assertTrue(regex.isEmpty(), "no regular expression is compiled in premain: " + regex);
        List<String> kryo = matching(loaded, "io.rediscache.agent.shaded.com.esotericsoftware.",
                "io.rediscache.agent.shaded.org.objenesis.");
        assertTrue(kryo.isEmpty(), "Kryo loads with the first value, not in premain: " + kryo);
        List<String> jimage = matching(loaded, "jdk.internal.jimage.");
        assertTrue(jimage.isEmpty(), "the agent's service files are looked up in its jar only: " + jimage);
        assertEquals(1, Collections.frequency(loaded, "io.rediscache.agent.AgentMain"), "AgentMain is loaded once: " + loaded);
    }

    private static List<String> matching(List<String> classes, String... prefixes) {
        List<String> found = new ArrayList<>();
        for (String name : classes) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    /** The classes that the thread which loaded the agent's premain class loaded before the application's main class. */
    private List<String> loadedByPremain(ForkedJvm jvm) throws Exception {
        Path log = work.resolve("class-load-" + System.nanoTime() + ".txt");
        Path noClasses = Files.writeString(work.resolve("no-classes.txt"), "");
        jvm.jvmOption("-Xlog:class+load=info:file=" + log + ":uptime,tid")
                .run(StartupApp.class, noClasses.toString())
                .assertSucceeded();
        List<String> loaded = new ArrayList<>();
        String premainThread = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher parts = LINE.matcher(line);
            if (!parts.matches()) {
                continue;
            }
            String thread = parts.group(1);
            String name = parts.group(2);
            if (premainThread == null && name.equals("io.rediscache.agent.AgentMain")) {
                premainThread = thread;
            }
            if (name.equals(StartupApp.class.getName())) {
                break;
            }
            if (thread.equals(premainThread)) {
                loaded.add(name);
            }
        }
        return loaded;
    }
}
