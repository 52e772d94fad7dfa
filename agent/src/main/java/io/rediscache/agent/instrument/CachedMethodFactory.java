package io.rediscache.agent.instrument;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.MethodEntry;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.store.NearCache;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a method's {@code @RedisCache} and {@code @CacheKey} annotations (by name, from the
 * class file: the annotation classes are never loaded), or the {@code cache.method.*} entry
 * that names it, into a {@link CachedMethod}; or refuses the method with a warning that names
 * it and what asked for it.
 */
final class CachedMethodFactory {

    static final String REDIS_CACHE = "io.rediscache.RedisCache";
    static final String CACHE_KEY = "io.rediscache.CacheKey";

    private static final Logger LOG = LoggerFactory.getLogger(CachedMethodFactory.class);

    private final String namespace;
    private final long defaultTtlMillis;

    private final ClassAllowList allowList;
    private final NearCache near;
    private final boolean nearByDefault;

    /** @param near the near tier of the Redis store, or {@code null} for the in-process store (which needs none) */
    CachedMethodFactory(AgentConfig config, ClassAllowList allowList, NearCache near) {
        this.allowList = allowList;
        this.near = near;
        this.nearByDefault = config.flag(Setting.CACHE_NEAR_ENABLED);
        this.namespace = config.text(Setting.CACHE_NAMESPACE);
        this.defaultTtlMillis = config.millis(Setting.CACHE_TTL);
    }

    /** @return the metadata of an {@code @RedisCache} method, or {@code null} when it cannot be cached (logged) */
    CachedMethod create(TypeDescription type, MethodDescription method) {
        AnnotationDescription annotation = AnnotationLookup.declared(method, REDIS_CACHE);
        String cacheName = annotation.getValue("name").resolve(String.class);
        if (cacheName.isEmpty()) {
            cacheName = type.getSimpleName() + "." + method.getName();
        }
        long ttlSeconds = annotation.getValue("ttl").resolve(Long.class);
        long ttlMillis = defaultTtlMillis;
        if (ttlSeconds > 0) {
            ttlMillis = ttlSeconds * 1000;
        } else if (ttlSeconds < 0) {
            LOG.warn("@RedisCache(ttl = {}) on {} is negative; the default cache.ttl is used instead.", ttlSeconds,
                    signature(type, method));
        }
        return build(type, method, "@RedisCache", cacheName, ttlMillis, keyParameters(method), perUser(annotation),
                near(annotation));
    }

    /**
     * @return the metadata of a method a {@code cache.method.*} entry names, or {@code null}
     *         when it cannot be cached (logged)
     */
    CachedMethod create(TypeDescription type, MethodDescription method, MethodEntry entry) {
        int[] keyArguments = entry.keyArguments();
        if (keyArguments == null) {
            keyArguments = allParameters(method);
        }
        for (int index : keyArguments) {
            if (index >= method.getParameters().size()) {
                LOG.warn("{}.key names argument {} of {}, which has {} parameters (positions count from 0); the method"
                        + " is not cached.", entry.key(), index, signature(type, method), method.getParameters().size());
                return null;
            }
        }
        return build(type, method, entry.key(), entry.name(), entry.millis("ttl", defaultTtlMillis), keyArguments,
                entry.flag("perUser"), entry.flag("near", nearByDefault));
    }

    /** @param source what asked for caching, for messages: {@code @RedisCache} or {@code cache.method.prices} */
    private CachedMethod build(TypeDescription type, MethodDescription method, String source, String cacheName,
                               long ttlMillis, int[] keyParameters, boolean perUser, boolean nearTier) {
        String signature = signature(type, method);
        if (method.getReturnType().represents(void.class)) {
            LOG.warn("{} on {} is ignored: a void method has no result to cache.", source, signature);
            return null;
        }
        if (method.isAbstract() || method.isNative()) {
            LOG.warn("{} on {} is ignored: an abstract or native method has no body to skip; cache the implementing"
                    + " method instead.", source, signature);
            return null;
        }
        if (cacheName.indexOf('|') >= 0 || cacheName.trim().isEmpty()) {
            LOG.warn("{} on {} is ignored: its cache name '{}' must be non-empty and must not contain '|'"
                    + " (the key separator).", source, signature, cacheName);
            return null;
        }
        if (nearTier && near != null) {
            near.enable(cacheName);
        }
        TypeDescription returnType = method.getReturnType().asErasure();
        allowList.allowPackageOf(type.getName());
        allowList.allowPackageOf(returnType.isArray() ? returnType.getComponentType().asErasure().getName() : returnType.getName());
        return new CachedMethod(signature, type.getName() + "#" + method.getInternalName() + method.getDescriptor(),
                namespace, cacheName, ttlMillis, keyParameters, parameterLabels(method),
                returnType.getName(), returnType.isPrimitive() ? box(returnType) : null, perUser);
    }

    /** {@code perUser}, read defensively: an annotations jar older than the element does not have it. */
    private static boolean perUser(AnnotationDescription annotation) {
        try {
            return annotation.getValue("perUser").resolve(Boolean.class);
        } catch (RuntimeException olderAnnotation) {
            return false;
        }
    }

    /** {@code near = true}, else {@code cache.near.enabled}; read defensively as {@link #perUser}. */
    private boolean near(AnnotationDescription annotation) {
        try {
            return annotation.getValue("near").resolve(Boolean.class) || nearByDefault;
        } catch (RuntimeException olderAnnotation) {
            return nearByDefault;
        }
    }

    private static int[] allParameters(MethodDescription method) {
        int[] indexes = new int[method.getParameters().size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        return indexes;
    }

    private static int[] keyParameters(MethodDescription method) {
        int marked = 0;
        for (ParameterDescription parameter : method.getParameters()) {
            if (isKey(parameter)) {
                marked++;
            }
        }
        int[] indexes = new int[marked == 0 ? method.getParameters().size() : marked];
        int next = 0;
        for (ParameterDescription parameter : method.getParameters()) {
            if (marked == 0 || isKey(parameter)) {
                indexes[next++] = parameter.getIndex();
            }
        }
        return indexes;
    }

    private static boolean isKey(ParameterDescription parameter) {
        for (AnnotationDescription annotation : parameter.getDeclaredAnnotations()) {
            if (annotation.getAnnotationType().getName().equals(CACHE_KEY)) {
                return true;
            }
        }
        return false;
    }

    private static String[] parameterLabels(MethodDescription method) {
        String[] labels = new String[method.getParameters().size()];
        for (ParameterDescription parameter : method.getParameters()) {
            String name = parameter.isNamed() ? " '" + parameter.getName() + "'" : "";
            labels[parameter.getIndex()] = "parameter " + (parameter.getIndex() + 1) + name
                    + " (" + parameter.getType().asErasure().getActualName() + ")";
        }
        return labels;
    }

    private static Class<?> box(TypeDescription primitive) {
        Class<?>[] boxes = {Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class,
                Float.class, Double.class};
        for (Class<?> box : boxes) {
            if (primitive.asBoxed().represents(box)) {
                return box;
            }
        }
        throw new IllegalArgumentException(primitive.getName());
    }

    static String signature(TypeDescription type, MethodDescription method) {
        StringBuilder text = new StringBuilder(type.getName()).append('#').append(method.getName()).append('(');
        for (ParameterDescription parameter : method.getParameters()) {
            text.append(parameter.getIndex() == 0 ? "" : ",").append(parameter.getType().asErasure().getActualName());
        }
        return text.append(')').toString();
    }
}
