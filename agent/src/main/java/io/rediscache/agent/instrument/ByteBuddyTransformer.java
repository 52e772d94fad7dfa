package io.rediscache.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.lock.LockedMethod;
import io.rediscache.agent.store.NearCache;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Byte Buddy's part of the instrumentation, for the classes the {@link CandidateFilter} let
 * through: describes the class from its bytes ({@link SharedTypePools}, nothing is loaded),
 * decides exactly whether it is one to instrument, and has Byte Buddy decorate it with the
 * advice ({@link MethodTransformer}, {@link FacadeTransformer}). Matching here is the exact one:
 * classes a {@code cache.method.*}, {@code lock.method.*} or {@code evict.method.*} entry names,
 * classes declaring a method annotated {@code @RedisCache}, {@code @Locked} or {@code @EvictCache}
 * (recognised by name from the class file, never by loading the annotation), and the facades.
 *
 * <p>It uses {@link ByteBuddy#decorate} directly rather than an {@code AgentBuilder}: the agent
 * already filters, retransforms and reports on its own ({@link DeferredTransformer},
 * {@link Instrumenter}), and constructing an {@code AgentBuilder} alone cost about 200 ms of CPU at
 * start (it prepares a class-injection strategy this agent never uses). Only advice is added, so
 * the class keeps its shape: no class format change, safe for retransformation.
 */
final class ByteBuddyTransformer implements ClassFileTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(ByteBuddyTransformer.class);
    private static final ElementMatcher<MethodDescription> INSTRUMENTED_BY_ANNOTATION =
            isAnnotatedWith(named(CachedMethodFactory.REDIS_CACHE)
                    .or(named(LockedMethodFactory.LOCKED))
                    .or(named(EvictingMethodFactory.EVICT_CACHE)));

    private final ByteBuddy byteBuddy;
    private final SharedTypePools typePools = new SharedTypePools();
    private final ConfiguredMethods configured;
    private final MethodTransformer methods;
    /** By facade class name, built when the facade first loads (most applications use one or none). */
    private final Map<String, FacadeTransformer> facades = new ConcurrentHashMap<>();
    /** Set while this thread transforms: a class loaded by the transformation itself is left alone. */
    private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

    private ByteBuddyTransformer(ByteBuddy byteBuddy, ConfiguredMethods configured, MethodTransformer methods) {
        this.byteBuddy = byteBuddy;
        this.configured = configured;
        this.methods = methods;
    }

    static ClassFileTransformer create(ByteBuddyParts parts, AgentConfig config,
                                       MethodRegistry<CachedMethod> cacheRegistry,
                                       MethodRegistry<LockedMethod> lockRegistry,
                                       MethodRegistry<EvictingMethod> evictRegistry, ClassAllowList allowList,
                                       NearCache near, ConfiguredMethods configured) {
        if (parts.warmUpFailure != null) {
            LOG.debug("Warming up Byte Buddy failed: {}", parts.warmUpFailure);
        }
        return new ByteBuddyTransformer(parts.byteBuddy, configured, new MethodTransformer(parts,
                new CachedMethodFactory(config, allowList, near), cacheRegistry, new LockedMethodFactory(config),
                lockRegistry, evictRegistry, configured));
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null || transforming.get() != null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        transforming.set(Boolean.TRUE);
        try {
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = typePools.typePool(locator, loader);
            TypeDescription type = pool.describe(name).resolve();
            DynamicType.Builder<?> builder = decorated(type, locator);
            if (builder == null) {
                return null;
            }
            byte[] transformed = builder.make(pool).getBytes();
            LOG.debug("Wrote {}: {} bytes, {} before.", name, transformed.length, classFile.length);
            return transformed;
        } catch (Throwable e) {
            LOG.warn("Could not instrument {}; it runs without caching: {}", name, e.toString());
            return null;
        } finally {
            methods.done();
            transforming.remove();
        }
    }

    /** The class with its advice, or {@code null} when there is nothing to add. */
    private DynamicType.Builder<?> decorated(TypeDescription type, ClassFileLocator locator) {
        if (isFacade(type.getName())) {
            return facades.computeIfAbsent(type.getName(), ByteBuddyTransformer::facade)
                    .transform(byteBuddy.decorate(type, locator));
        }
        if (type.isSynthetic() || !(configured.namesClass(type.getName())
                || !type.getDeclaredMethods().filter(INSTRUMENTED_BY_ANNOTATION).isEmpty())) {
            return null;
        }
        return methods.transform(byteBuddy.decorate(type, locator), type);
    }

    private static boolean isFacade(String className) {
        for (String facade : CandidateFilter.FACADES) {
            if (facade.replace('/', '.').equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static FacadeTransformer facade(String className) {
        switch (className) {
            case "io.rediscache.Locks":
                return new FacadeTransformer()
                        .hook(LocksFacadeAdvice.Acquire.class, "backendAcquire", String.class, long.class, long.class)
                        .hook(LocksFacadeAdvice.FencingToken.class, "backendFencingToken")
                        .hook(LocksFacadeAdvice.Lost.class, "backendLost");
            case "io.rediscache.Cache":
                return new FacadeTransformer().hook(CacheFacadeAdvice.class, "backend",
                        int.class, String.class, String.class, Object.class, long.class, Object.class);
            case "io.rediscache.RequestCache":
                return new FacadeTransformer()
                        .hook(RequestCacheAdvice.Open.class, "backendOpen")
                        .hook(RequestCacheAdvice.Close.class, "backendClose");
            default:
                throw new IllegalArgumentException(className + " is not a facade");
        }
    }
}
