package io.rediscache.agent.instrument;

import java.security.ProtectionDomain;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.MethodRegistry;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Adds {@link CacheAdvice} to each {@code @RedisCache} method of a matched class, with the
 * method's registry number bound as a constant. Only advice is added: no field, no method, no
 * change to the class's shape, so retransformation and other agents keep working.
 */
final class CachingTransformer implements AgentBuilder.Transformer {

    private static final Logger LOG = LoggerFactory.getLogger(CachingTransformer.class);

    private final CachedMethodFactory factory;
    private final MethodRegistry registry;
    private final TypeDescription adviceType = TypeDescription.ForLoadedType.of(CacheAdvice.class);
    private final ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(CacheAdvice.class.getClassLoader());

    CachingTransformer(CachedMethodFactory factory, MethodRegistry registry) {
        this.factory = factory;
        this.registry = registry;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module, ProtectionDomain domain) {
        StringBuilder names = new StringBuilder();
        for (MethodDescription.InDefinedShape method
                : type.getDeclaredMethods().filter(isAnnotatedWith(named(CachedMethodFactory.REDIS_CACHE)))) {
            CachedMethod cached = factory.create(type, method);
            if (cached == null) {
                continue;
            }
            int id = registry.register(cached);
            builder = builder.visit(Advice.withCustomMapping()
                    .bind(MethodId.class, id)
                    .to(adviceType, adviceLocator)
                    .on(is(method)));
            names.append(names.length() == 0 ? "" : ", ").append(method.getName())
                    .append(" (cache '").append(cached.cacheName()).append("')");
        }
        if (names.length() > 0) {
            LOG.info("Caching {}: {}.", type.getName(), names);
        }
        return builder;
    }
}
