package io.rediscache.agent;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge classes into the bootstrap class loader, the only loader every
 * application class can see.
 *
 * <p>First choice: define them directly with the JDK's internal {@code Unsafe.defineClass}
 * (on Java 9+ after opening {@code jdk.internal.misc} to the agent's module through
 * {@link Instrumentation}). It costs a few milliseconds and leaves no trace. The fallback is to
 * append a jar of them to the bootstrap class path: also correct, but HotSpot then prints a
 * class-data-sharing warning on stderr and stops sharing classes of other loaders. Byte Buddy's
 * own Unsafe injector is not used: building its accessor costs about half a second at start,
 * and on Java 24+ it prints {@code sun.misc.Unsafe} warnings. Only the JDK is used here: this
 * class runs in the system class loader, before the agent's own loader ({@link AgentClassLoader})
 * is used, and anything it loaded from the agent jar would be looked for along the whole
 * application class path first.
 */
final class BridgeInjector {

    private BridgeInjector() {
    }

    /** @param agentJar a loader of the agent jar alone, to read the class files from */
    static void inject(Instrumentation instrumentation, Set<String> classNames, URLClassLoader agentJar)
            throws Exception {
        Map<String, byte[]> classFiles = readClassFiles(classNames, agentJar);
        try {
            defineInBootstrapLoader(instrumentation, classFiles);
        } catch (Exception | LinkageError directRouteUnavailable) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(writeJar(classFiles)));
        }
    }

    private static Map<String, byte[]> readClassFiles(Set<String> classNames, URLClassLoader agentJar)
            throws IOException {
        Map<String, byte[]> classFiles = new LinkedHashMap<>();
        for (String name : classNames) {
            String file = name.replace('.', '/') + ".class";
            URL location = agentJar.findResource(file);
            if (location == null) {
                throw new IOException(file + " is missing from the agent jar");
            }
            try (InputStream in = location.openStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    bytes.write(buffer, 0, read);
                }
                classFiles.put(name, bytes.toByteArray());
            }
        }
        return classFiles;
    }

    /** A temporary jar of the class files, removed when the JVM ends. */
    private static File writeJar(Map<String, byte[]> classFiles) throws IOException {
        File jar = File.createTempFile("redis-cache-agent-bridge", ".jar");
        jar.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
            for (Map.Entry<String, byte[]> classFile : classFiles.entrySet()) {
                out.putNextEntry(new JarEntry(classFile.getKey().replace('.', '/') + ".class"));
                out.write(classFile.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void defineInBootstrapLoader(Instrumentation instrumentation, Map<String, byte[]> classFiles)
            throws Exception {
        Object unsafe;
        Method defineClass;
        if (JavaVersion.feature() >= 9) {
            openInternalMiscPackage(instrumentation);
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            defineClass = unsafeType.getMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        } else {
            Class<?> unsafeType = Class.forName("sun.misc.Unsafe");
            Field instance = unsafeType.getDeclaredField("theUnsafe");
            instance.setAccessible(true);
            unsafe = instance.get(null);
            defineClass = unsafeType.getMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        }
        defineClass.setAccessible(true);
        for (Map.Entry<String, byte[]> classFile : classFiles.entrySet()) {
            byte[] bytes = classFile.getValue();
            defineClass.invoke(unsafe, classFile.getKey(), bytes, 0, bytes.length, null, null);
        }
    }

    /** {@code Instrumentation.redefineModule}, called reflectively: the agent is compiled for Java 8. */
    private static void openInternalMiscPackage(Instrumentation instrumentation) throws Exception {
        Method getModule = Class.class.getMethod("getModule");
        Object javaBase = getModule.invoke(Object.class);
        Object agentModule = getModule.invoke(BridgeInjector.class);
        Class<?> moduleType = Class.forName("java.lang.Module");
        Method redefineModule = Instrumentation.class.getMethod("redefineModule",
                moduleType, Set.class, Map.class, Map.class, Set.class, Map.class);
        redefineModule.invoke(instrumentation, javaBase,
                Collections.emptySet(),
                Collections.emptyMap(),
                Collections.singletonMap("jdk.internal.misc", Collections.singleton(agentModule)),
                Collections.emptySet(),
                Collections.emptyMap());
    }
}
