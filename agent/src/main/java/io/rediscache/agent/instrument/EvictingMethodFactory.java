package io.rediscache.agent.instrument;

import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.config.MethodEntry;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a method's {@code @EvictCache} annotation (by name, from the class file), or the
 * {@code evict.method.*} entry that names it, into an {@link EvictingMethod}; or refuses the
 * method with a warning naming it and what asked for the eviction.
 */
final class EvictingMethodFactory {

    static final String EVICT_CACHE = "io.rediscache.EvictCache";

    private static final Logger LOG = LoggerFactory.getLogger(EvictingMethodFactory.class);

    /** @return the metadata of an {@code @EvictCache} method, or {@code null} (logged) */
    EvictingMethod create(TypeDescription type, MethodDescription method) {
        AnnotationDescription annotation = AnnotationLookup.declared(method, EVICT_CACHE);
        int[] key = annotation.getValue("key").resolve(int[].class);
        return build(type, method, "@EvictCache", annotation.getValue("value").resolve(String[].class),
                key.length == 0 ? null : key);
    }

    /** @return the metadata of a method an {@code evict.method.*} entry names, or {@code null} (logged) */
    EvictingMethod create(TypeDescription type, MethodDescription method, MethodEntry entry) {
        return build(type, method, entry.key(), entry.cacheNames(), entry.keyArguments());
    }

    private EvictingMethod build(TypeDescription type, MethodDescription method, String source, String[] cacheNames,
                                 int[] keyArguments) {
        String signature = CachedMethodFactory.signature(type, method);
        if (method.isAbstract() || method.isNative()) {
            LOG.warn("{} on {} is ignored: an abstract or native method never returns from a body of its own; put it"
                    + " on the implementing method.", source, signature);
            return null;
        }
        if (cacheNames.length == 0) {
            LOG.warn("{} on {} is ignored: it names no cache.", source, signature);
            return null;
        }
        for (String name : cacheNames) {
            if (name.trim().isEmpty() || name.indexOf('|') >= 0) {
                LOG.warn("{} on {} is ignored: '{}' is not a cache name (non-empty, without '|').", source, signature, name);
                return null;
            }
        }
        if (keyArguments != null) {
            for (int position : keyArguments) {
                if (position < 0 || position >= method.getParameters().size()) {
                    LOG.warn("{} on {} is ignored: its key names argument {}, and the method has {} parameters (positions"
                            + " count from 0).", source, signature, position, method.getParameters().size());
                    return null;
                }
            }
        }
        return new EvictingMethod(signature, cacheNames, keyArguments);
    }
}
