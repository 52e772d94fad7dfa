package io.rediscache.agent.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes a stored value may name. Stored bytes are untrusted (anyone who can write to
 * the Redis can write them), and Kryo instantiates whatever class the bytes name, which has
 * given remote code execution to other products. So a class is resolved only when it is:
 *
 * <ul>
 *   <li>a JDK value type or collection: the packages {@code java.lang}, {@code java.util},
 *       {@code java.util.concurrent(.atomic)}, {@code java.util.regex}, {@code java.math},
 *       {@code java.time.*}, and {@code java.net.URI}, {@code java.sql.Date/Time/Timestamp};
 *       minus the few classes there that are no data ({@code ProcessBuilder}, {@code Runtime},
 *       {@code Thread}, {@code ClassLoader}, …) and {@code java.net.URL}, whose {@code hashCode}
 *       resolves host names (the "URLDNS" gadget);</li>
 *   <li>in the package (or a sub-package) of a class with cached methods or of a cached
 *       method's declared return type ({@code com.acme.billing.*} for
 *       {@code com.acme.billing.PriceService}), or under a prefix listed in
 *       {@code cache.allowed.packages};</li>
 *   <li>a class this JVM itself has written into a value: the application produced it, so
 *       reading it back is no new trust.</li>
 * </ul>
 * Arrays are judged by their component type. A refused class makes the value unreadable: a
 * miss, overwritten with the method's own result (after which this JVM wrote the class, and
 * reads it). Packages are never widened by guessing: allowing all of {@code org.apache} for a
 * cached method of Commons Text would also allow the classic Commons Collections gadgets.
 */
public final class ClassAllowList {

    private static final Set<String> JDK_PACKAGES = new HashSet<>(Arrays.asList(
            "java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "java.util.regex",
            "java.math", "java.time", "java.time.chrono", "java.time.format", "java.time.temporal", "java.time.zone"));
    private static final Set<String> JDK_CLASSES = new HashSet<>(Arrays.asList(
            "java.net.URI", "java.sql.Date", "java.sql.Time", "java.sql.Timestamp"));
    private static final Set<String> DENIED = new HashSet<>(Arrays.asList(
            "java.lang.ProcessBuilder", "java.lang.Runtime", "java.lang.Thread", "java.lang.ThreadGroup",
            "java.lang.ClassLoader", "java.lang.System", "java.lang.SecurityManager", "java.lang.InheritableThreadLocal",
            "java.lang.ThreadLocal", "java.util.ServiceLoader", "java.util.Timer", "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ForkJoinPool"));

    private final List<String> configuredPrefixes;
    private final Set<String> applicationPrefixes = ConcurrentHashMap.newKeySet();
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    /** Names already allowed: a hit reads the same few classes again and again. Only yes is kept; a no may turn yes. */
    private final Set<String> allowedBefore = ConcurrentHashMap.newKeySet();

    /** @param configuredPackages {@code cache.allowed.packages}: package prefixes, as {@code com.acme, org.partner.model} */
    public ClassAllowList(List<String> configuredPackages) {
        List<String> prefixes = new ArrayList<>();
        for (String name : configuredPackages) {
            if (!name.trim().isEmpty()) {
                prefixes.add(name.trim().endsWith(".") ? name.trim() : name.trim() + ".");
            }
        }
        this.configuredPrefixes = Collections.unmodifiableList(prefixes);
    }

    /** The allow-list of the JDK types alone (tests, and the in-process store). */
    public static ClassAllowList jdkOnly() {
        return new ClassAllowList(Collections.<String>emptyList());
    }

    /**
     * Allows the package (and sub-packages) of {@code className}: a class with cached methods,
     * or a cached method's return type. JDK packages are not widened this way.
     */
    public void allowPackageOf(String className) {
        int lastDot = className.lastIndexOf('.');
        if (lastDot <= 0 || className.startsWith("java.") || className.startsWith("javax.")
                || className.startsWith("jdk.") || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return;
        }
        applicationPrefixes.add(className.substring(0, lastDot + 1));
    }

    /** Records a class this JVM wrote into a value, so that it may be read back. */
    void wrote(String className) {
        written.add(className);
    }

    /** Whether a value may name {@code className} (a binary name, or an array descriptor such as {@code [Lcom.acme.Price;}). */
    public boolean allows(String className) {
        if (allowedBefore.contains(className)) {
            return true;
        }
        boolean allowed = decide(className);
        if (allowed && allowedBefore.size() < 10_000) {
            allowedBefore.add(className);
        }
        return allowed;
    }

    private boolean decide(String className) {
        String name = componentName(className);
        if (name == null) {
            return true; // an array of primitives
        }
        if (DENIED.contains(name) || name.equals("java.net.URL")) {
            return false;
        }
        if (written.contains(name) || JDK_CLASSES.contains(name)) {
            return true;
        }
        int lastDot = name.lastIndexOf('.');
        String packageName = lastDot < 0 ? "" : name.substring(0, lastDot);
        if (JDK_PACKAGES.contains(packageName)) {
            return true;
        }
        for (String prefix : configuredPrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : applicationPrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @return the element class name of an array descriptor (the name itself otherwise), or {@code null} for primitives */
    private static String componentName(String className) {
        if (!className.startsWith("[")) {
            return className;
        }
        String element = className.substring(className.lastIndexOf('[') + 1);
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : null;
    }
}
