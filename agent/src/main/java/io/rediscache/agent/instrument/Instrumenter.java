package io.rediscache.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.DaemonThreads;
import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.store.NearCache;
import io.rediscache.agent.lock.LockedMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the instrumentation without making the application wait for Byte Buddy: a
 * {@link DeferredTransformer} is registered at once, and Byte Buddy's transformer
 * ({@link ByteBuddyTransformer}) is prepared on a background thread, from parts whose building
 * began even earlier ({@link ByteBuddyPreparation}). This class and the filter
 * refer to no Byte Buddy type, so nothing of Byte Buddy loads on the premain thread.
 *
 * <p>Classes that were loaded before the transformer was registered (by other agents, or all of
 * the application's when the agent is attached to a running JVM) are retransformed once Byte
 * Buddy is ready, if their name does not rule them out; the filter then decides as for any
 * class. Then, once {@code agent.unmatched.report.after} has passed, that thread logs what
 * instrumenting has cost ({@link InstrumentationTimes}) and the configured methods that matched
 * nothing, and ends.
 */
public final class Instrumenter {

    private static final Logger LOG = LoggerFactory.getLogger(Instrumenter.class);

    private Instrumenter() {
    }

    public static void install(final ByteBuddyPreparation byteBuddy, final Instrumentation instrumentation,
                               final AgentConfig config,
                               final MethodRegistry<CachedMethod> cacheRegistry,
                               final MethodRegistry<LockedMethod> lockRegistry,
                               final MethodRegistry<EvictingMethod> evictRegistry, final ClassAllowList allowList,
                               final NearCache near) {
        final ConfiguredMethods configured = new ConfiguredMethods(config.methodEntries());
        final InstrumentationTimes times = new InstrumentationTimes(cacheRegistry, lockRegistry, evictRegistry);
        final long reportAfterMillis = config.millis(Setting.AGENT_UNMATCHED_REPORT_AFTER);
        final long reportAtNanos = System.nanoTime() + reportAfterMillis * 1_000_000L;
        final DeferredTransformer transformer = new DeferredTransformer(new CandidateFilter(configured),
                new Callable<ClassFileTransformer>() {
                    @Override
                    public ClassFileTransformer call() throws Exception {
                        return ByteBuddyTransformer.create(byteBuddy.get(), config, cacheRegistry, lockRegistry,
                                evictRegistry, allowList, near, configured);
                    }
                }, times);
        instrumentation.addTransformer(transformer, true);
        final List<Class<?>> loadedBefore = retransformable(instrumentation);
        DaemonThreads.start("instrumenter", new Runnable() {
            @Override
            public void run() {
                transformer.prepare();
                retransform(instrumentation, loadedBefore);
                try {
                    TimeUnit.NANOSECONDS.sleep(reportAtNanos - System.nanoTime());
                } catch (InterruptedException e) {
                    return;
                }
                times.report(reportAfterMillis);
                configured.reportUnmatched(reportAfterMillis);
            }
        });
    }

    /**
     * The classes loaded so far that the agent might have to instrument, judged by name. Taken
     * after the transformer is registered, as Byte Buddy's own retransformation does: a class
     * loaded in between is then instrumented twice (harmless) rather than not at all.
     */
    private static List<Class<?>> retransformable(Instrumentation instrumentation) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (!type.isArray() && !type.isPrimitive() && !CandidateFilter.ignored(type.getName().replace('.', '/'))
                    && instrumentation.isModifiableClass(type)) {
                classes.add(type);
            }
        }
        return classes;
    }

    private static void retransform(Instrumentation instrumentation, List<Class<?>> classes) {
        for (Class<?> type : classes) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable e) {
                LOG.warn("Could not instrument {}, which was loaded before the agent started; it runs without"
                        + " caching: {}", type.getName(), e.toString());
            }
        }
    }
}
