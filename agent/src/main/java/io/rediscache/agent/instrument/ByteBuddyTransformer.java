package io.rediscache.agent.instrument;

import java.lang.instrument.ClassFileTransformer;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.lock.LockedMethod;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.store.NearCache;
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
 * Byte Buddy's part of the instrumentation: the {@link AgentBuilder} that adds the advice to
 * the classes the {@link CandidateFilter} let through. Matching here is the exact one: classes
 * a {@code cache.method.*}, {@code lock.method.*} or {@code evict.method.*} entry names, classes
 * declaring a method annotated {@code @RedisCache}, {@code @Locked} or {@code @EvictCache}
 * (recognised by name from the class file, never by loading the annotation), and the facades.
 * Built off the premain thread by {@link Instrumenter}, since loading Byte Buddy is most of the
 * agent's start-up cost.
 */
final class ByteBuddyTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(ByteBuddyTransformer.class);

    private ByteBuddyTransformer() {
    }

    static ClassFileTransformer create(AgentConfig config, MethodRegistry<CachedMethod> cacheRegistry,
                                       MethodRegistry<LockedMethod> lockRegistry,
                                       MethodRegistry<EvictingMethod> evictRegistry, ClassAllowList allowList,
                                       NearCache near, ConfiguredMethods configured) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new SharedTypePools())
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
                .makeRaw();
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
