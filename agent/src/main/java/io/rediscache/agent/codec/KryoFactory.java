package io.rediscache.agent.codec;

import java.util.EnumMap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Makes the agent's Kryo instances, with the settings {@link KryoCodec} describes, and the
 * pools that hold them ({@link KryoPools} keeps one per class loader).
 *
 * <p>A class of its own, first loaded when the first value is encoded or decoded: making a Kryo
 * loads Kryo and its serializers, and even handing these classes to each other as their Kryo
 * types makes the JVM load them with the class that does it. {@link KryoCodec} is made in
 * premain, on the thread that starts the JVM, where they cost tens of milliseconds.
 */
final class KryoFactory {

    private KryoFactory() {
    }

    /** A pool of Kryo instances that resolve classes through {@code loader}. */
    static Pool<Kryo> newPool(final ClassLoader loader, final ClassAllowList allowList) {
        return new Pool<Kryo>(true, false, 32) {
            @Override
            protected Kryo create() {
                return newKryo(loader, allowList);
            }
        };
    }

    static Kryo newKryo(ClassLoader loader, ClassAllowList allowList) {
        Kryo kryo = new BoundedKryo(new AllowListClassResolver(allowList), new MapReferenceResolver());
        kryo.setMaxDepth(KryoCodec.MAX_DEPTH);
        kryo.setClassLoader(loader);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        UnmodifiableCollectionSerializer.register(kryo);
        registerJdkValueSerializers(kryo);
        kryo.addDefaultSerializer(EnumMap.class, new EnumMapSerializer(allowList));
        kryo.addDefaultSerializer(Enum.class, EnumNameSerializer.class); // by name: reordered constants stay readable
        kryo.setDefaultSerializer(LayoutCheckedSerializer.forObjects());
        Class<?> record = recordClass();
        if (record != null) {
            kryo.addDefaultSerializer(record, LayoutCheckedSerializer.forRecords());
        }
        return kryo;
    }

    /** {@code java.lang.Record} on Java 16+, else {@code null} (the agent is compiled for Java 8). */
    private static Class<?> recordClass() {
        try {
            return Class.forName("java.lang.Record");
        } catch (ClassNotFoundException beforeJava16) {
            return null;
        }
    }

    /**
     * Kryo ships serializers for these JDK value types but does not register them by default.
     * Without them it falls back to reading their private fields, which Java 9+ refuses
     * ({@code module java.base does not "opens java.util"}), so a method returning, say, a
     * {@code UUID} could never be cached.
     */
    private static void registerJdkValueSerializers(Kryo kryo) {
        kryo.addDefaultSerializer(java.util.UUID.class, new DefaultSerializers.UUIDSerializer());
        kryo.addDefaultSerializer(java.net.URI.class, new DefaultSerializers.URISerializer());
        kryo.addDefaultSerializer(java.util.regex.Pattern.class, new DefaultSerializers.PatternSerializer());
        kryo.addDefaultSerializer(java.util.concurrent.atomic.AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
        kryo.addDefaultSerializer(java.util.concurrent.atomic.AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
        kryo.addDefaultSerializer(java.util.concurrent.atomic.AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
        kryo.addDefaultSerializer(java.util.concurrent.atomic.AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
    }
}
