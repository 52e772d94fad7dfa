package io.rediscache.agent;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * The class loader of the agent's own classes (the third tier: everything but {@link AgentMain}
 * and the bridge): it reads them from the agent jar alone, and its parent is the system class
 * loader's parent, so nothing of the application's class path is searched for them and nothing
 * there is seen by them.
 *
 * <p>Why: the JVM appends the agent jar to the system class path, after the application's
 * entries. Through the system loader, each of the agent's few thousand classes (Byte Buddy,
 * Jedis, Kryo) was first looked for in every jar of the application's class path, which opened
 * all of them at start even when the application never needed most: up to a second of start-up
 * on a class path of forty jars. It also keeps the agent's relocated libraries apart from the
 * application's, which the relocation alone already did.
 *
 * <p>The bridge classes are never defined here: they live in the bootstrap loader, where
 * {@link BridgeInjector} put them before this loader was asked for anything, and advice in
 * classes of every loader reaches the same ones. This loader only ever looks them up there.
 */
final class AgentClassLoader extends URLClassLoader {

    /** Service files of the agent's own (relocated) types, as SLF4J's provider file. */
    private static final String OWN_SERVICE_FILES = "META-INF/services/io.rediscache.agent.";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    AgentClassLoader(URL agentJar) {
        super(new URL[] {agentJar}, ClassLoader.getSystemClassLoader().getParent());
    }

    /** The loader for the jar that {@code agentMain} was loaded from. */
    static AgentClassLoader forJarOf(Class<?> agentMain) {
        return new AgentClassLoader(agentMain.getProtectionDomain().getCodeSource().getLocation());
    }

    /**
     * The agent's own service files are read from the agent jar alone. Asked for a resource,
     * a class loader asks its parent first, and the platform class loader then searches the
     * JDK's modules, which opens the JDK's module image through Java code: milliseconds of the
     * premain thread (when SLF4J looks for its provider), for files only this jar can hold.
     */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return name.startsWith(OWN_SERVICE_FILES) ? findResources(name) : super.getResources(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(AgentMain.BRIDGE_PACKAGE)) {
            return Class.forName(name, resolve, null);
        }
        return super.loadClass(name, resolve);
    }
}
