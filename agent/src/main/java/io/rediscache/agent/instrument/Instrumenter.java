package io.rediscache.agent.instrument;

import java.lang.instrument.Instrumentation;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.lock.LockedMethod;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.store.NearCache;
import io.rediscache.agent.config.Setting;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Installs the Byte Buddy transformation: cheap name checks first (JDK, agent and generated
 * classes are ignored without reading them), then classes a {@code cache.method.*},
 * {@code lock.method.*} or {@code evict.method.*} entry names, and classes declaring a method
 * annotated {@code @RedisCache}, {@code @Locked} or {@code @EvictCache}, recognised by name
 * from the class file. Classes already loaded when
 * the agent starts are retransformed.
 */
public final class Instrumenter {

    private static final Logger LOG = LoggerFactory.getLogger(Instrumenter.class);

    private Instrumenter() {
    }

    public static void install(Instrumentation instrumentation, AgentConfig config,
                               MethodRegistry<CachedMethod> cacheRegistry, MethodRegistry<LockedMethod> lockRegistry,
                               MethodRegistry<EvictingMethod> evictRegistry, ClassAllowList allowList,
                               NearCache near) {
        ConfiguredMethods configured = new ConfiguredMethods(config.methodEntries());
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new ErrorListener())
                .ignore(nameStartsWith("java.")
                        .or(nameStartsWith("javax."))
                        .or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun."))
                        .or(nameStartsWith("com.sun."))
                        .or(nameStartsWith("io.rediscache.agent."))
                        .or(nameContains("$$Lambda"))
                        .or(isSynthetic()))
                .type(configured.classMatcher()
                        .or(declaresMethod(isAnnotatedWith(named(CachedMethodFactory.REDIS_CACHE))
                                .or(isAnnotatedWith(named(LockedMethodFactory.LOCKED)))
                                .or(isAnnotatedWith(named(EvictingMethodFactory.EVICT_CACHE))))))
                .transform(new MethodTransformer(new CachedMethodFactory(config, allowList, near), cacheRegistry,
                        new LockedMethodFactory(config), lockRegistry, evictRegistry, configured))
                .type(named("io.rediscache.Locks"))
                .transform(new FacadeTransformer()
                        .hook(LocksFacadeAdvice.Acquire.class, "backendAcquire", String.class, long.class, long.class)
                        .hook(LocksFacadeAdvice.FencingToken.class, "backendFencingToken")
                        .hook(LocksFacadeAdvice.Lost.class, "backendLost"))
                .type(named("io.rediscache.Cache"))
                .transform(new FacadeTransformer().hook(CacheFacadeAdvice.class, "backend",
                        int.class, String.class, String.class, Object.class, long.class, Object.class))
                .type(named("io.rediscache.RequestCache"))
                .transform(new FacadeTransformer()
                        .hook(RequestCacheAdvice.Open.class, "backendOpen")
                        .hook(RequestCacheAdvice.Close.class, "backendClose"))
                .installOn(instrumentation);
        configured.reportUnmatchedAfter(config.millis(Setting.AGENT_UNMATCHED_REPORT_AFTER));
    }

    /** Reports a class that could not be instrumented; it then runs unchanged. */
    private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable error) {
            LOG.warn("Could not instrument {}; it runs without caching: {}", typeName, error.toString());
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            LOG.debug("Instrumented {}", type.getName());
        }
    }
}
