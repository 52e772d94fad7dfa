package io.rediscache.it.security;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.example.canary.Canary;
import org.example.canary.CanaryEnum;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Crafted values in the agent's envelope ({@code 2, 0}, then Kryo's {@code writeClassAndObject}
 * bytes), written with the application's own plain Kryo: gadget stand-ins outside the
 * allow-list, class names that are refused or do not exist, every truncation of real values,
 * lengths of 2^31 - 8 for every kind of array, string, collection and map, 100,000-deep
 * nesting, and broken envelopes.
 */
final class CraftedValues {

    private static final int HUGE = Integer.MAX_VALUE - 8;

    /** Classes an attacker would name: known gadgets of other libraries, JDK classes that are no data, and made-up ones. */
    private static final List<String> CLASS_NAMES = List.of(
            "java.lang.ProcessBuilder", "java.lang.Runtime", "java.lang.Thread", "java.lang.ClassLoader", "java.lang.System",
            "java.net.URL", "java.net.InetAddress", "java.io.File", "java.io.FileOutputStream", "java.lang.reflect.Proxy",
            "java.lang.invoke.MethodHandles", "java.util.ServiceLoader", "java.util.concurrent.ThreadPoolExecutor",
            "javax.script.ScriptEngineManager", "javax.management.BadAttributeValueExpException", "javax.naming.InitialContext",
            "com.sun.rowset.JdbcRowSetImpl", "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "sun.misc.Unsafe",
            "jdk.internal.misc.Unsafe", "org.apache.commons.collections.functors.InvokerTransformer",
            "org.apache.commons.collections4.functors.InstantiateTransformer", "org.apache.commons.text.StringSubstitutor",
            "org.springframework.beans.factory.ObjectFactory", "org.codehaus.groovy.runtime.MethodClosure",
            "com.esotericsoftware.kryo.Kryo", "io.rediscache.agent.codec.KryoCodec", "redis.clients.jedis.Jedis",
            "org.example.canary.Canary", "org.example.canary.CanaryEnum", "[Lorg.example.canary.Canary;",
            "[[Ljava.lang.ProcessBuilder;", "", "x", ".", "java.lang.", "java.lang.DoesNotExist", "java..lang.String");

    private CraftedValues() {
    }

    /** All crafted values, {@code realValues} being values the agent itself stored for the method. */
    static List<byte[]> all(List<byte[]> realValues) throws Exception {
        List<byte[]> values = new ArrayList<>();
        for (byte[] real : realValues) {
            for (int length = 0; length < real.length; length++) {
                values.add(Arrays.copyOf(real, length));
            }
        }
        byte[] canary = envelope((kryo, out) -> kryo.writeClassAndObject(out, new Canary()));
        values.add(canary);
        values.add(envelope((kryo, out) -> kryo.writeClassAndObject(out, new ArrayList<>(List.of("a", new Canary())))));
        values.add(envelope((kryo, out) -> kryo.writeClassAndObject(out, new HashMap<>(Map.of("k", new Canary())))));
        values.add(envelope((kryo, out) -> kryo.writeClassAndObject(out, new Canary[] {new Canary()})));
        values.add(envelope((kryo, out) -> kryo.writeClassAndObject(out, CanaryEnum.PLANTED)));
        values.add(envelope((kryo, out) -> {
            kryo.writeClass(out, EnumMap.class);
            out.writeVarInt(Kryo.NOT_NULL, true);
            out.writeString(CanaryEnum.class.getName());
            out.writeVarInt(1, true);
            out.writeString("PLANTED");
            kryo.writeClassAndObject(out, 1);
        }));
        for (String name : CLASS_NAMES) {
            values.add(renameClass(canary, Canary.class.getName(), name));
            for (int i = 0; i < 3; i++) {
                values.add(renameClass(canary, Canary.class.getName(), "com.evil" + i + "." + (name.isEmpty() ? "Gadget" : name)));
            }
        }
        values.addAll(hugeLengths());
        values.add(deeplyNested(100_000, inner -> new ArrayList<>(List.of(inner))));
        values.add(deeplyNested(100_000, inner -> new Object[] {inner}));
        values.add(deeplyNested(100_000, inner -> new HashMap<>(Map.of("k", inner))));
        byte[] real = realValues.get(0);
        values.addAll(List.of(new byte[0], new byte[] {2}, new byte[] {2, 0}, withHeader(real, 0, 0), withHeader(real, 1, 0),
                withHeader(real, 3, 0), withHeader(real, -1, 0), withHeader(real, 2, 1), withHeader(real, 2, 2),
                withHeader(real, 2, 4), withHeader(real, 2, 0x80), withHeader(real, 2, 3), Arrays.copyOf(real, real.length + 1),
                Arrays.copyOf(real, real.length + 100)));
        return values;
    }

    private static byte[] withHeader(byte[] real, int format, int flags) {
        byte[] copy = real.clone();
        copy[0] = (byte) format;
        copy[1] = (byte) flags;
        return copy;
    }

    private static List<byte[]> hugeLengths() {
        List<byte[]> values = new ArrayList<>();
        for (Class<?> array : List.of(long[].class, int[].class, byte[].class, boolean[].class, char[].class, double[].class,
                Object[].class, String[].class, Integer[][].class)) {
            values.add(envelope((kryo, out) -> {
                kryo.writeClass(out, array);
                out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                out.writeVarInt(HUGE + 1, true);
                out.writeByte(1);
            }));
        }
        values.add(envelope((kryo, out) -> {
            kryo.writeClass(out, String.class);
            out.writeVarIntFlag(true, HUGE + 1, true); // a non-ASCII string's character count
            out.writeByte('x');
        }));
        for (Class<?> collection : List.of(ArrayList.class, HashSet.class)) {
            values.add(envelope((kryo, out) -> {
                kryo.writeClass(out, collection);
                kryo.writeObject(out, new LyingList(), new CollectionSerializer<>());
            }));
        }
        values.add(envelope((kryo, out) -> {
            kryo.writeClass(out, PriorityQueue.class);
            kryo.writeObject(out, new LyingQueue(), new DefaultSerializers.PriorityQueueSerializer());
        }));
        for (Class<?> map : List.of(HashMap.class, LinkedHashMap.class)) {
            values.add(envelope((kryo, out) -> {
                kryo.writeClass(out, map);
                kryo.writeObject(out, new LyingMap(), new MapSerializer<>());
            }));
        }
        return values;
    }

    /** A value nested {@code depth} levels deep, written on a thread with a stack large enough for it. */
    private static byte[] deeplyNested(int depth, UnaryOperator<Object> wrap) throws Exception {
        Object value = "core";
        for (int i = 0; i < depth; i++) {
            value = wrap.apply(value);
        }
        Object outer = value;
        byte[][] bytes = new byte[1][];
        Thread writer = new Thread(null, () -> bytes[0] = envelope((kryo, out) -> kryo.writeClassAndObject(out, outer)),
                "deep-writer", 1L << 30);
        writer.start();
        writer.join();
        if (bytes[0] == null || bytes[0].length <= depth) {
            throw new AssertionError("precondition: the nested value was written");
        }
        return bytes[0];
    }

    static byte[] envelope(BiConsumer<Kryo, Output> body) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.setMaxDepth(Integer.MAX_VALUE);
        Output output = new Output(1 << 16, -1);
        output.writeByte(2); // the agent's format byte
        output.writeByte(0); // no flags
        body.accept(kryo, output);
        return output.toBytes();
    }

    /** The bytes with an ASCII class name replaced by another (Kryo ends ASCII strings by flagging their last byte). */
    private static byte[] renameClass(byte[] bytes, String from, String to) {
        byte[] search = from.getBytes(StandardCharsets.US_ASCII);
        search[search.length - 1] |= (byte) 0x80;
        for (int i = 0; i + search.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + search.length), search)) {
                byte[] name = to.isEmpty() ? new byte[] {(byte) 0x81} : to.getBytes(StandardCharsets.UTF_8); // 0x81: Kryo's ""
                if (!to.isEmpty()) {
                    name[name.length - 1] |= (byte) 0x80;
                }
                byte[] renamed = new byte[bytes.length - search.length + name.length];
                System.arraycopy(bytes, 0, renamed, 0, i);
                System.arraycopy(name, 0, renamed, i, name.length);
                System.arraycopy(bytes, i + search.length, renamed, i + name.length, bytes.length - i - search.length);
                return renamed;
            }
        }
        throw new AssertionError("precondition: '" + from + "' is in the bytes");
    }

    /** A list that claims 2^31 - 8 elements and holds one: Kryo's writer puts the claim in the bytes. */
    private static final class LyingList extends ArrayList<Object> {
        @Override
        public int size() {
            return HUGE;
        }

        @Override
        public Iterator<Object> iterator() {
            return List.<Object>of(1).iterator();
        }
    }

    private static final class LyingQueue extends PriorityQueue<Object> {
        @Override
        public int size() {
            return HUGE;
        }

        @Override
        public Iterator<Object> iterator() {
            return List.<Object>of(1).iterator();
        }
    }

    private static final class LyingMap extends AbstractMap<Object, Object> {
        @Override
        public int size() {
            return HUGE;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Set.of(new SimpleEntry<>("k", 1));
        }
    }
}
