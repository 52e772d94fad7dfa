package io.rediscache.agent.instrument;

import java.util.concurrent.atomic.AtomicLong;

import io.rediscache.agent.cache.MethodRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What instrumenting classes has cost the application so far: how many classes the agent
 * looked at and how long that took, how long preparing Byte Buddy took, and how many classes it
 * then transformed in how long. Counted on the class-loading threads, with nothing but atomic
 * additions. {@link Instrumenter}'s background thread has it said in one line of the agent's log
 * once {@code agent.unmatched.report.after} has passed since start.
 */
final class InstrumentationTimes {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentationTimes.class);

    private final MethodRegistry<?>[] registries;

    private final AtomicLong classesSeen = new AtomicLong();
    private final AtomicLong filterNanos = new AtomicLong();
    private final AtomicLong candidates = new AtomicLong();
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong transformNanos = new AtomicLong();
    private final AtomicLong waitNanos = new AtomicLong();
    private volatile long preparationNanos = -1;

    InstrumentationTimes(MethodRegistry<?>... registries) {
        this.registries = registries;
    }

    /** A class was looked at, taking {@code nanos}. */
    void looked(long nanos) {
        classesSeen.incrementAndGet();
        filterNanos.addAndGet(nanos);
    }

    /** Says what instrumenting has cost in the first {@code millis} ms. */
    void report(long millis) {
        int methods = 0;
        for (MethodRegistry<?> registry : registries) {
            methods += registry.size();
        }
        LOG.info("Instrumentation in the first {} ms: {}.", millis, describe(methods));
    }

    /** A candidate went through Byte Buddy: {@code waited} for it to be ready, then {@code nanos} transforming. */
    void transformed(boolean changed, long waited, long nanos) {
        candidates.incrementAndGet();
        if (changed) {
            transformed.incrementAndGet();
        }
        waitNanos.addAndGet(waited);
        transformNanos.addAndGet(nanos);
    }

    void prepared(long nanos) {
        preparationNanos = nanos;
    }

    long classesSeen() {
        return classesSeen.get();
    }

    long classesTransformed() {
        return transformed.get();
    }

    String describe(int methods) {
        long prepared = preparationNanos;
        return String.format(java.util.Locale.ROOT, "looked at %d classes in %.1f ms; %d of them were candidates and"
                        + " %d were instrumented (%d methods) in %.1f ms, after waiting %.1f ms for Byte Buddy, which"
                        + " took %s ms to prepare (in the background)",
                classesSeen.get(), filterNanos.get() / 1e6, candidates.get(), transformed.get(), methods,
                transformNanos.get() / 1e6, waitNanos.get() / 1e6,
                prepared < 0 ? "(not yet ready)" : String.format(java.util.Locale.ROOT, "%.1f", prepared / 1e6));
    }
}
