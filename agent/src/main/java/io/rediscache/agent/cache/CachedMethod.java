package io.rediscache.agent.cache;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.key.ArgumentHasher;
import org.slf4j.Logger;

/**
 * Everything the engine needs to know about one instrumented method, resolved once when its
 * class is transformed: never recomputed per call.
 */
public final class CachedMethod {

    private final String signature;
    private final String identity;
    /** Encoded once, not on every call. */
    private final byte[] identityPrefix;
    private final String cacheName;
    private final String keyPrefix;
    private final long ttlMillis;
    private final int[] keyParameters;
    private final String[] parameterLabels;
    private final String returnTypeName;
    private final Class<?> primitiveReturnBox;
    private final boolean perUser;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile GenerationPrefix generationPrefix;
    private volatile WeakReference<Class<?>> returnType = new WeakReference<Class<?>>(null);
    private volatile WeakReference<Method> reflective = new WeakReference<Method>(null);

    /**
     * @param signature for messages: {@code com.acme.PriceService#getPrice(java.lang.String,int)}
     * @param identity what the key hash covers: class, method name and descriptor
     * @param parameterLabels for messages, one per parameter: {@code parameter 1 'sku' (java.lang.String)}
     * @param primitiveReturnBox the box of a primitive return type, or {@code null} for a reference type
     * @param perUser whether the key also covers the current user ({@code cache.user.provider})
     */
    public CachedMethod(String signature, String identity, String namespace, String cacheName, long ttlMillis,
                        int[] keyParameters, String[] parameterLabels, String returnTypeName, Class<?> primitiveReturnBox,
                        boolean perUser) {
        this.perUser = perUser;
        this.signature = signature;
        this.identity = identity;
        this.identityPrefix = ArgumentHasher.identityPrefix(identity);
        this.cacheName = cacheName;
        this.keyPrefix = namespace + "|" + cacheName + "|";
        this.generationPrefix = new GenerationPrefix(0, keyPrefix);
        this.ttlMillis = ttlMillis;
        this.keyParameters = keyParameters.clone();
        this.parameterLabels = parameterLabels.clone();
        this.returnTypeName = returnTypeName;
        this.primitiveReturnBox = primitiveReturnBox;
    }

    public String signature() {
        return signature;
    }

    public String cacheName() {
        return cacheName;
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    String identity() {
        return identity;
    }

    /** {@link ArgumentHasher#identityPrefix} of {@link #identity()}: the key's hash input starts with it. */
    byte[] identityPrefix() {
        return identityPrefix;
    }

    /** The start of every key of this cache, whatever the generation: {@code {namespace}|{cache}|}. */
    String keyPrefix() {
        return keyPrefix;
    }

    /** The start of the keys of one generation: {@code {namespace}|{cache}|} for 0, else {@code …|g{generation}|}. */
    String keyPrefix(long generation) {
        GenerationPrefix current = generationPrefix;
        if (current.generation != generation) {
            current = new GenerationPrefix(generation, keyPrefix + "g" + generation + "|");
            generationPrefix = current;
        }
        return current.prefix;
    }

    int[] keyParameters() {
        return keyParameters;
    }

    /** Whether each user has entries of their own ({@code @RedisCache(perUser = true)}). */
    boolean perUser() {
        return perUser;
    }

    String parameterLabel(int index) {
        return parameterLabels[index];
    }

    /**
     * Whether a decoded value can be returned by this method: guards the caller against a
     * {@code ClassCastException} when an entry was written by another version of the code.
     */
    boolean canReturn(Object value, Class<?> declaringType) {
        if (value == null) {
            return primitiveReturnBox == null;
        }
        if (primitiveReturnBox != null) {
            return primitiveReturnBox == value.getClass();
        }
        Class<?> type = returnType.get();
        if (type == null) {
            try {
                type = Class.forName(returnTypeName, false, declaringType.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
            returnType = new WeakReference<Class<?>>(type); // weak: never keeps a redeployed application's loader alive
        }
        return type.isInstance(value);
    }

    /**
     * The method itself, for early refresh to call it again: found among the declared methods
     * of {@code declaringType} by name and descriptor, made accessible, and remembered weakly
     * (never keeping a redeployed application's loader alive).
     *
     * @throws NoSuchMethodException when {@code declaringType} has no such method (it cannot happen
     *         for the class the advice is in)
     */
    Method reflective(Class<?> declaringType) throws NoSuchMethodException {
        Method method = reflective.get();
        if (method != null && method.getDeclaringClass() == declaringType) {
            return method;
        }
        String nameAndDescriptor = identity.substring(identity.indexOf('#') + 1);
        for (Method candidate : declaringType.getDeclaredMethods()) {
            if (nameAndDescriptor.equals(candidate.getName() + descriptor(candidate))) {
                candidate.setAccessible(true);
                reflective = new WeakReference<Method>(candidate);
                return candidate;
            }
        }
        throw new NoSuchMethodException(signature);
    }

    private static String descriptor(Method method) {
        StringBuilder text = new StringBuilder("(");
        for (Class<?> parameter : method.getParameterTypes()) {
            appendDescriptor(text, parameter);
        }
        text.append(')');
        appendDescriptor(text, method.getReturnType());
        return text.toString();
    }

    private static void appendDescriptor(StringBuilder text, Class<?> type) {
        if (type.isArray()) {
            text.append(type.getName().replace('.', '/'));
        } else if (type.isPrimitive()) {
            for (int i = 0; i < PRIMITIVES.length; i++) {
                if (PRIMITIVES[i] == type) {
                    text.append(PRIMITIVE_DESCRIPTORS.charAt(i));
                }
            }
        } else {
            text.append('L').append(type.getName().replace('.', '/')).append(';');
        }
    }

    private static final Class<?>[] PRIMITIVES = {boolean.class, byte.class, char.class, short.class, int.class,
        long.class, float.class, double.class, void.class};
    private static final String PRIMITIVE_DESCRIPTORS = "ZBCSIJFDV";

    /** Logs {@code message} at WARN the first time {@code topic} comes up for this method only. */
    void warnOnce(Logger log, String topic, String message, Object... arguments) {
        if (warned.add(topic)) {
            log.warn(message, arguments);
        }
    }

    /** The key prefix of the generation last used, so a call builds no string for it. */
    private static final class GenerationPrefix {
        final long generation;
        final String prefix;

        GenerationPrefix(long generation, String prefix) {
            this.generation = generation;
            this.prefix = prefix;
        }
    }
}
