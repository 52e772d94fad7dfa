package io.rediscache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method only while this JVM holds the Redis lock of that name, when the
 * redis-cache agent is attached: a cluster-wide critical section.
 *
 * <pre>{@code
 * @Locked("process_payroll")
 * public void runPayroll() { ... }
 *
 * @Locked(value = "inventory_sync_{0}", waitMillis = 0, onTimeout = Locked.OnTimeout.SKIP)
 * public void syncSku(String sku) { ... }   // one lock per SKU; skipped when another node has it
 * }</pre>
 *
 * <p>The lock is taken before the body runs and released when it returns or throws. While the
 * body runs, the agent renews the lease every third of it, so a long body keeps its lock; if
 * the holder's JVM dies, the lock frees itself when the lease runs out. The same thread may
 * enter methods locked under the same name again (re-entrant). Locks fail closed: when Redis
 * cannot be reached the body never runs and the caller gets {@link LockUnavailableException}.
 *
 * <p>Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Locked {

    /**
     * The lock's name. {@code {0}}, {@code {1}}, … stand for the method's arguments (their
     * {@code String.valueOf}), so {@code "sku_{0}"} is one lock per first argument. The Redis key
     * is {@code {cache.namespace}|lock|{name}}.
     */
    String value();

    /**
     * How long to wait for the lock, in milliseconds; 0 tries once. Default (-1): the agent's
     * {@code lock.wait} setting.
     */
    long waitMillis() default -1;

    /**
     * How long Redis keeps the lock if its holder dies, in milliseconds (renewed while the body
     * runs). Default (-1): the agent's {@code lock.lease} setting.
     */
    long leaseMillis() default -1;

    /** What happens when the lock cannot be had within the wait. */
    OnTimeout onTimeout() default OnTimeout.THROW;

    /** What a call does when the lock stays taken for the whole wait. */
    enum OnTimeout {
        /** Throw {@link LockTimeoutException}. */
        THROW,
        /**
         * Skip the call: the body does not run and the method returns its type's default value
         * ({@code null}, {@code 0}, {@code false}): what scheduled jobs running on every node want.
         */
        SKIP
    }
}
