package io.rediscache.agent.key;

import java.util.Iterator;

/** Which JDK classes have a canonical text form, and which arguments are refused outright. */
final class JdkValueTypes {

    private JdkValueTypes() {
    }

    /**
     * Classes whose {@code toString()} is specified to be a canonical, locale-independent form:
     * ISO-8601 for {@code java.time}, RFC 4122 for {@code UUID}, RFC 3986 for {@code URI}, ISO 4217 for {@code Currency}.
     */
    static boolean hasCanonicalText(Class<?> type) {
        String name = type.getName();
        return (name.startsWith("java.time.") && !name.startsWith("java.time.format.") && !name.startsWith("java.time.chrono.")
                        && !name.startsWith("java.time.temporal.") && !name.startsWith("java.time.zone.")
                        && type != java.time.Clock.class && !java.time.Clock.class.isAssignableFrom(type))
                || type == java.util.UUID.class
                || type == java.net.URI.class
                || type == java.util.Currency.class;
    }

    /** @return why this value can never be part of a key, or {@code null} when it may be */
    static String refusalFor(Object value, Class<?> type) {
        if (CanonicalEncoder.isProxyOrLambda(type)) {
            return "it is a lambda, method reference or proxy (" + type.getName() + "), which has no value to key on";
        }
        if (value instanceof AutoCloseable) {
            return "it is a " + type.getName() + ", a resource (stream, connection, reader) whose state is not a value";
        }
        if (value instanceof Iterator || value instanceof Thread || value instanceof ClassLoader) {
            return "it is a " + type.getName() + ", which has no value to key on";
        }
        return null;
    }

    static boolean isJdkClass(Class<?> type) {
        String name = type.getName();
        return type.getClassLoader() == null
                || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }
}
