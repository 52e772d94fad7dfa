package io.rediscache.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;

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
 * and on Java 24+ it prints {@code sun.misc.Unsafe} warnings.
 */
final class BridgeInjector {

    private BridgeInjector() {
    }

    static void inject(Instrumentation instrumentation, Set<String> classNames) throws Exception {
        Map<String, byte[]> classFiles = readClassFiles(classNames);
        try {
            defineInBootstrapLoader(instrumentation, classFiles);
        } catch (Exception | LinkageError directRouteUnavailable) {
            File folder = Files.createTempDirectory("redis-cache-agent-bridge").toFile();
            folder.deleteOnExit();
            ClassInjector.UsingInstrumentation
                    .of(folder, ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
                    .injectRaw(classFiles);
        }
    }

    private static Map<String, byte[]> readClassFiles(Set<String> classNames) throws IOException {
        ClassFileLocator agentJar = ClassFileLocator.ForClassLoader.of(BridgeInjector.class.getClassLoader());
        Map<String, byte[]> classFiles = new LinkedHashMap<>();
        for (String name : classNames) {
            classFiles.put(name, agentJar.locate(name).resolve());
        }
        return classFiles;
    }

    private static void defineInBootstrapLoader(Instrumentation instrumentation, Map<String, byte[]> classFiles)
            throws Exception {
        Object unsafe;
        Method defineClass;
        if (AgentMain.javaFeatureVersion() >= 9) {
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
