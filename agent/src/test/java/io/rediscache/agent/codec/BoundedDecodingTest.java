package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.stream.Stream;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import io.rediscache.agent.codec.gadget.GadgetEnum;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few crafted bytes declaring 2^31 - 8 elements are refused as corrupt before anything is
 * allocated: the failure is Kryo's, never an {@code OutOfMemoryError} (which the codec would
 * also turn into a miss, but which a JVM with {@code -XX:+ExitOnOutOfMemoryError} does not
 * survive). Genuine large values still decode. An {@code EnumMap} whose key type is outside the
 * allow-list is refused without initialising that enum.
 */
class BoundedDecodingTest {

    private static final int HUGE = Integer.MAX_VALUE - 8;

    private final KryoCodec codec = new KryoCodec(ClassAllowList.jdkOnly());
    private final ClassLoader loader = BoundedDecodingTest.class.getClassLoader();

    static Stream<Arguments> hugeDeclarations() {
        return Stream.of(
                crafted("long[]", (kryo, out) -> {
                    kryo.writeClass(out, long[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    out.writeLong(5);
                }),
                crafted("int[]", (kryo, out) -> {
                    kryo.writeClass(out, int[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    out.writeVarInt(5, false);
                }),
                crafted("byte[]", (kryo, out) -> {
                    kryo.writeClass(out, byte[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    out.writeByte(5);
                }),
                crafted("String", (kryo, out) -> {
                    kryo.writeClass(out, String.class);
                    out.writeVarIntFlag(true, HUGE + 1, true);
                    out.writeByte('x');
                }),
                crafted("Object[]", (kryo, out) -> {
                    kryo.writeClass(out, Object[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    kryo.writeClassAndObject(out, 1);
                }),
                crafted("boolean[]", (kryo, out) -> {
                    kryo.writeClass(out, boolean[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    out.writeBoolean(true);
                }),
                crafted("String[]", (kryo, out) -> {
                    kryo.writeClass(out, String[].class);
                    out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
                    out.writeVarInt(HUGE + 1, true);
                    kryo.writeClassAndObject(out, "x");
                }),
                crafted("ArrayList", (kryo, out) -> {
                    kryo.writeClass(out, ArrayList.class); // writeObject below adds the reference marker
                    kryo.writeObject(out, new LyingList(), new CollectionSerializer<>());
                }),
                crafted("HashSet", (kryo, out) -> {
                    kryo.writeClass(out, HashSet.class); // writeObject below adds the reference marker
                    kryo.writeObject(out, new LyingList(), new CollectionSerializer<>());
                }),
                crafted("PriorityQueue", (kryo, out) -> {
                    kryo.writeClass(out, PriorityQueue.class); // writeObject below adds the reference marker
                    kryo.writeObject(out, new LyingQueue(), new DefaultSerializers.PriorityQueueSerializer());
                }),
                crafted("HashMap", (kryo, out) -> {
                    kryo.writeClass(out, HashMap.class); // writeObject below adds the reference marker
                    kryo.writeObject(out, new LyingMap(), new MapSerializer<>());
                }),
                crafted("LinkedHashMap", (kryo, out) -> {
                    kryo.writeClass(out, LinkedHashMap.class); // writeObject below adds the reference marker
                    kryo.writeObject(out, new LyingMap(), new MapSerializer<>());
                }));
    }

    @Test
    void everyReferenceArrayGetsTheCheckedSerializer() {
        Kryo kryo = KryoFactory.newKryo(loader, ClassAllowList.jdkOnly());
        for (Class<?> type : List.of(Object[].class, String[].class, Integer[][].class, boolean[].class, long[].class, ArrayList.class, HashMap.class, PriorityQueue.class)) {
            assertTrue(kryo.getSerializer(type).getClass().getEnclosingClass() == BoundedKryo.class,
                    type + " is read by " + kryo.getSerializer(type).getClass());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclarations")
    void aHugeDeclaredLengthIsRefusedBeforeAnythingIsAllocated(byte[] bytes) {
        CodecException failure = assertThrows(CodecException.class, () -> codec.decode(bytes, loader));
        assertTrue(failure.getCause() instanceof KryoException,
                "refused by a length check, not by a failed allocation: " + failure.getCause());
    }

    @Test
    void genuineLargeValuesStillDecode() throws Exception {
        List<Integer> list = new ArrayList<>();
        Map<String, Integer> map = new HashMap<>();
        Set<Long> set = new HashSet<>();
        PriorityQueue<Integer> queue = new PriorityQueue<>();
        String[] strings = new String[5000];
        for (int i = 0; i < 5000; i++) {
            list.add(i);
            map.put("k" + i, i);
            set.add((long) i);
            queue.add(5000 - i);
            strings[i] = i % 7 == 0 ? null : "s" + i;
        }
        long[] longs = new long[5000];
        String text = String.join("", Collections.nCopies(2000, "é€𝄞"));
        Object[] value = {list, map, set, longs, text, strings, new ArrayList<>(), new HashMap<>(), new Object[0], ""};
        Object[] back = (Object[]) codec.decode(codec.encode(value, loader), loader);
        assertEquals(List.of(value).subList(0, 3), List.of(back).subList(0, 3));
        assertEquals(5000, ((long[]) back[3]).length);
        assertEquals(text, back[4]);
        assertEquals(Arrays.asList(strings), Arrays.asList((String[]) back[5]));
        assertEquals(List.of(new ArrayList<>(), new HashMap<>()), List.of(back[6], back[7]));
        assertEquals(0, ((Object[]) back[8]).length);
        assertEquals("", back[9]);
        PriorityQueue<?> queueBack = (PriorityQueue<?>) codec.decode(codec.encode(queue, loader), loader);
        assertEquals(1, queueBack.peek());
        assertEquals(5000, queueBack.size());
    }

    @Test
    void anEnumMapKeyTypeOutsideTheAllowListIsRefusedWithoutInitialisingIt() {
        byte[] bytes = envelope((kryo, out) -> {
            kryo.writeClass(out, EnumMap.class);
            out.writeVarInt(Kryo.NOT_NULL, true); // a new object, not a back reference
            out.writeString(GadgetEnum.class.getName());
            out.writeVarInt(1, true);
            out.writeString("ONE");
            kryo.writeClassAndObject(out, 1);
        });
        CodecException failure = assertThrows(CodecException.class, () -> codec.decode(bytes, loader));
        assertTrue(failure.getMessage().contains(GadgetEnum.class.getName()), failure.getMessage() + " / " + failure.getCause());
        assertNull(System.getProperty("gadget.enum.initialised"), "the enum outside the allow-list was initialised");
    }

    private static Arguments crafted(String name, BiConsumer<Kryo, Output> body) {
        return Arguments.of(Named.of(name, envelope(body)));
    }

    /** The agent's envelope ({@code 2, 0}) around what {@code body} writes with a plain Kryo. */
    private static byte[] envelope(BiConsumer<Kryo, Output> body) {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        Output out = new Output(256, -1);
        out.writeByte(KryoCodec.FORMAT);
        out.writeByte(0);
        body.accept(kryo, out);
        return out.toBytes();
    }

    /** A list that claims 2^31 - 8 elements and holds one: Kryo's writer puts the claim in the bytes. */
    private static final class LyingList extends ArrayList<Object> {
        LyingList() {
            super(List.of(1));
        }

        @Override
        public int size() {
            return HUGE;
        }

        @Override
        public Iterator<Object> iterator() {
            return List.<Object>of(1).iterator();
        }
    }

    /** A priority queue that claims 2^31 - 8 elements and holds one. */
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

    /** A map that claims 2^31 - 8 entries and holds one. */
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
