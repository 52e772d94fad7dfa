package io.rediscache.agent.instrument;

import java.security.ProtectionDomain;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.lock.LockedMethod;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Adds {@link CacheAdvice} to each {@code @RedisCache} method and {@link LockAdvice} to each
 * {@code @Locked} method of a matched class, with the method's registry number bound as a
 * constant. Only advice is added: no field, no method, no change to the class's shape, so
 * retransformation and other agents keep working.
 *
 * <p>A method with both annotations is locked and not cached (said once): the order of the two
 * is not defined yet, and a lock must never be lost to a cache hit.
 */
final class AnnotatedMethodTransformer implements AgentBuilder.Transformer {

    private static final Logger LOG = LoggerFactory.getLogger(AnnotatedMethodTransformer.class);
    private static final ElementMatcher<MethodDescription> LOCKED =
            isAnnotatedWith(named(LockedMethodFactory.LOCKED));
    private static final ElementMatcher<MethodDescription> CACHED =
            isAnnotatedWith(named(CachedMethodFactory.REDIS_CACHE));

    private final CachedMethodFactory cachedMethods;
    private final MethodRegistry<CachedMethod> cacheRegistry;
    private final LockedMethodFactory lockedMethods;
    private final MethodRegistry<LockedMethod> lockRegistry;
    private final ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(CacheAdvice.class.getClassLoader());
    private final TypeDescription cacheAdvice = TypeDescription.ForLoadedType.of(CacheAdvice.class);
    private final TypeDescription lockAdvice = TypeDescription.ForLoadedType.of(LockAdvice.class);

    AnnotatedMethodTransformer(CachedMethodFactory cachedMethods, MethodRegistry<CachedMethod> cacheRegistry,
                               LockedMethodFactory lockedMethods, MethodRegistry<LockedMethod> lockRegistry) {
        this.cachedMethods = cachedMethods;
        this.cacheRegistry = cacheRegistry;
        this.lockedMethods = lockedMethods;
        this.lockRegistry = lockRegistry;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module, ProtectionDomain domain) {
        StringBuilder done = new StringBuilder();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            boolean locked = LOCKED.matches(method);
            boolean cached = CACHED.matches(method);
            if (locked) {
                LockedMethod lock = lockedMethods.create(type, method);
                if (lock != null) {
                    builder = withAdvice(builder, lockAdvice, lockRegistry.register(lock), method);
                    done.append(done.length() == 0 ? "" : ", ").append("locked ").append(method.getName());
                }
                if (cached) {
                    LOG.warn("@RedisCache on {} is ignored: the method is also @Locked, and this version does not"
                            + " combine the two on one method.", CachedMethodFactory.signature(type, method));
                }
            } else if (cached) {
                CachedMethod cache = cachedMethods.create(type, method);
                if (cache != null) {
                    builder = withAdvice(builder, cacheAdvice, cacheRegistry.register(cache), method);
                    done.append(done.length() == 0 ? "" : ", ").append("cached ").append(method.getName())
                            .append(" (cache '").append(cache.cacheName()).append("')");
                }
            }
        }
        if (done.length() > 0) {
            LOG.info("Instrumented {}: {}.", type.getName(), done);
        }
        return builder;
    }

    private DynamicType.Builder<?> withAdvice(DynamicType.Builder<?> builder, TypeDescription advice, int id,
                                              MethodDescription.InDefinedShape method) {
        return builder.visit(Advice.withCustomMapping()
                .bind(MethodId.class, id)
                .to(advice, adviceLocator)
                .on(is(method)));
    }
}
