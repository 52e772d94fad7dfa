package io.rediscache.agent.instrument;

import java.nio.charset.StandardCharsets;

/**
 * Decides, from a class's name and the raw bytes of its class file alone, whether the agent
 * could have anything to do with it; only those classes reach Byte Buddy. It is what keeps the
 * agent cheap for the thousands of classes an application loads that it does not touch: no
 * parsing, no type pool, no allocation — a few string comparisons and one scan of the bytes.
 *
 * <p>A class is a candidate when it is one of the {@code io.rediscache} facades, when a
 * {@code cache.method.*} / {@code lock.method.*} / {@code evict.method.*} entry names it, or when
 * its constant pool holds the descriptor of {@code @RedisCache}, {@code @Locked} or
 * {@code @EvictCache}: an annotation in a class file refers to its type by exactly that
 * descriptor ({@code Lio/rediscache/RedisCache;}), so a class with an annotated method always
 * contains it. A class that merely mentions the annotation elsewhere is a harmless false positive
 * (Byte Buddy then finds nothing to do). JDK classes, the agent's own and generated lambda
 * classes are never candidates.
 */
final class CandidateFilter {

    private static final String[] IGNORED_PREFIXES = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "io/rediscache/agent/"};
    /** Internal names of the facades that {@link ByteBuddyTransformer} binds to the agent. */
    static final String[] FACADES = {"io/rediscache/Locks", "io/rediscache/Cache", "io/rediscache/RequestCache"};
    private static final byte[] PACKAGE_DESCRIPTOR = "Lio/rediscache/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] ANNOTATION_NAMES = {
        simpleNameAndSemicolon(CachedMethodFactory.REDIS_CACHE),
        simpleNameAndSemicolon(LockedMethodFactory.LOCKED),
        simpleNameAndSemicolon(EvictingMethodFactory.EVICT_CACHE)};

    private final ConfiguredMethods configured;

    CandidateFilter(ConfiguredMethods configured) {
        this.configured = configured;
    }

    /** @param internalName as the JVM gives it to a transformer ({@code com/acme/Service}); may be {@code null} */
    boolean isCandidate(String internalName, byte[] classFile) {
        if (internalName == null || ignored(internalName)) {
            return false;
        }
        for (String facade : FACADES) {
            if (facade.equals(internalName)) {
                return true;
            }
        }
        return containsAnnotationDescriptor(classFile) || configured.namesClass(internalName.replace('/', '.'));
    }

    /** By name alone: JDK, agent and generated lambda classes. */
    static boolean ignored(String internalName) {
        for (String prefix : IGNORED_PREFIXES) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return internalName.contains("$$Lambda");
    }

    static boolean containsAnnotationDescriptor(byte[] classFile) {
        byte[] prefix = PACKAGE_DESCRIPTOR;
        int last = classFile.length - prefix.length;
        outer:
        for (int at = 0; at <= last; at++) {
            if (classFile[at] != 'L') {
                continue;
            }
            for (int i = 1; i < prefix.length; i++) {
                if (classFile[at + i] != prefix[i]) {
                    continue outer;
                }
            }
            for (byte[] name : ANNOTATION_NAMES) {
                if (startsWith(classFile, at + prefix.length, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] part) {
        if (from + part.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < part.length; i++) {
            if (bytes[from + i] != part[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] simpleNameAndSemicolon(String annotationType) {
        return (annotationType.substring(annotationType.lastIndexOf('.') + 1) + ";").getBytes(StandardCharsets.US_ASCII);
    }
}
