package io.rediscache.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code Premain-Class} and {@code Agent-Class} of the jar: the first tier of the agent.
 *
 * <p>It does three things and nothing slow: refuses a second attachment, puts the bridge
 * classes ({@code io.rediscache.agent.bridge}) on the bootstrap class path, and hands over to
 * {@link AgentStartup}, loaded with the rest of the agent by its own {@link AgentClassLoader}.
 * The bridge must reach the bootstrap loader before any class loads it from the agent jar,
 * because advice inlined into application classes of any class loader calls it, and only
 * bootstrap classes are visible from every loader.
 */
public final class AgentMain {

    static final String BRIDGE_PACKAGE = "io.rediscache.agent.bridge.";
    private static final String[] BRIDGE_CLASSES = {
        "CacheBridge", "CacheDispatcher", "CachedValue", "LockBridge", "LockDispatcher", "SkippedCall"};

    private AgentMain() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation);
    }

    private static void start(String arguments, Instrumentation instrumentation) {
        if (bridgeOnBootstrapClassPath()) {
            System.err.println("[redis-cache-agent] WARN The agent is attached twice to this JVM;"
                    + " the second -javaagent is ignored. Remove one of them.");
            return;
        }
        if (JavaVersion.feature() >= 24) {
            // Keeps the agent's (relocated) Byte Buddy off sun.misc.Unsafe, whose use JDK 24+
            // reports on stderr. The property name is relocated with Byte Buddy when the jar is
            // shaded, so an application's own Byte Buddy is not affected.
            System.setProperty("net.bytebuddy.safe", "true");
        }
        try {
            AgentClassLoader agentLoader = AgentClassLoader.forJarOf(AgentMain.class);
            injectBridge(instrumentation, agentLoader);
            Class.forName("io.rediscache.agent.AgentStartup", true, agentLoader)
                    .getMethod("start", String.class, Instrumentation.class)
                    .invoke(null, arguments, instrumentation);
        } catch (Throwable e) {
            // An exception out of premain would make HotSpot abort the JVM: the agent must never
            // break the application, so it gives up and the application runs without caching.
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            System.err.println("[redis-cache-agent] ERROR The agent could not start and is disabled; the"
                    + " application runs without caching. Cause: " + cause);
            cause.printStackTrace();
        }
    }

    private static boolean bridgeOnBootstrapClassPath() {
        try {
            Class.forName(BRIDGE_PACKAGE + BRIDGE_CLASSES[0], false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void injectBridge(Instrumentation instrumentation, AgentClassLoader agentLoader) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        for (String simpleName : Arrays.asList(BRIDGE_CLASSES)) {
            names.add(BRIDGE_PACKAGE + simpleName);
        }
        BridgeInjector.inject(instrumentation, names, agentLoader);
    }
}
