package io.rediscache.agent.lock;

import java.lang.reflect.Constructor;

/**
 * Creates the application's own {@code io.rediscache.LockTimeoutException} and
 * {@code LockUnavailableException}: the classes of the annotations jar as the locked method's
 * class loader sees them, so that the application's {@code catch} clauses match.
 */
final class ApplicationExceptions {

    private static final String TIMEOUT = "io.rediscache.LockTimeoutException";
    private static final String UNAVAILABLE = "io.rediscache.LockUnavailableException";

    private ApplicationExceptions() {
    }

    static RuntimeException of(Class<?> declaringType, boolean timedOut, String message, Throwable cause) {
        try {
            Class<?> type = Class.forName(timedOut ? TIMEOUT : UNAVAILABLE, true, declaringType.getClassLoader());
            if (timedOut) {
                Constructor<?> constructor = type.getConstructor(String.class);
                return (RuntimeException) constructor.newInstance(message);
            }
            Constructor<?> constructor = type.getConstructor(String.class, Throwable.class);
            return (RuntimeException) constructor.newInstance(message, cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException missingAnnotationsJar) {
            return new IllegalStateException(message, cause);
        }
    }

    static boolean isLockException(Throwable failure) {
        String name = failure.getClass().getName();
        return name.equals(TIMEOUT) || name.equals(UNAVAILABLE);
    }
}
