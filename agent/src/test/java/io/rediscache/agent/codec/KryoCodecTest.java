package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values survive a round trip through the codec (equal, and a fresh instance when mutable);
 * unmodifiable views stay unmodifiable; object graphs keep their shared references and cycles;
 * and bytes that are not a valid encoding only ever fail with {@link CodecException}.
 *
 * <p>The class-loader dimension lives in {@link KryoCodecClassLoaderTest}.
 */
class KryoCodecTest {

    private final KryoCodec codec = new KryoCodec(ClassAllowList.jdkOnly());
    private final ClassLoader loader = KryoCodecTest.class.getClassLoader();

    // ---------------------------------------------------------------- values

    static Stream<Arguments> values() {
        return Stream.of(
                value("Integer", 42), value("Long", Long.MIN_VALUE), value("Short", (short) -7), value("Byte", (byte) 0x7f),
                value("Character", 'ß'), value("Boolean", true), value("Float", 1.25f), value("Double", -0.0d),
                value("Double NaN", Double.NaN),
                value("String", "grüße ☃ 😀 日本語"), value("empty String", ""),
                value("enum", Colour.GREEN), value("enum constant with a body", Operation.PLUS),
                value("ArrayList", new ArrayList<>(List.of("a", "b", "a"))),
                value("LinkedList", new LinkedList<>(List.of(1, 2))),
                value("HashMap", new HashMap<>(Map.of("a", 1, "b", 2))),
                value("HashSet", new HashSet<>(Set.of("x", "y"))),
                value("TreeMap", new TreeMap<>(Map.of(3, "c", 1, "a"))),
                value("TreeSet", new TreeSet<>(Set.of(5, 1, 3))),
                value("List.of()", List.of()), value("List.of(1, 2, 3)", List.of(1, 2, 3)),
                value("List.of(one element)", List.of("solo")),
                value("Set.of", Set.of("p", "q", "r")), value("Map.of", Map.of("k1", 1, "k2", 2)),
                value("Arrays.asList", Arrays.asList("a", null, "c")),
                value("Collections.emptyList", Collections.emptyList()),
                value("Collections.emptyMap", Collections.emptyMap()),
                value("Collections.singletonList", Collections.singletonList("one")),
                value("Optional.of", Optional.of("present")), value("Optional.empty", Optional.empty()),
                value("BigDecimal", new BigDecimal("12345678901234567890.0123456789")),
                value("BigInteger", new BigInteger("-98765432109876543210987654321")),
                value("LocalDate", LocalDate.of(2024, 2, 29)),
                value("LocalDateTime", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6_000_000)),
                value("Instant", Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
                value("Duration", Duration.ofMillis(90_123)),
                value("ZonedDateTime", ZonedDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))),
                value("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                value("URI", URI.create("https://example.com/a%20b?q=1#frag")),
                value("record", new Point(1, 2)),
                value("nested records", new Line(new Point(0, 0), new Point(3, 4))),
                value("record holding collections", new Order("o-1", List.of(new Point(1, 1)), Map.of("note", "fragile"))),
                value("POJO without a no-arg constructor", new Money("EUR", 1999)),
                value("collections of records", new ArrayList<>(List.of(Map.of("p", new Point(9, 9))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueRoundTripsToAnEqualValue(Object value) throws Exception {
        assertEquals(value, roundTrip(value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valueRoundTripsToTheSameClass(Object value) throws Exception {
        assertEquals(value.getClass(), roundTrip(value).getClass());
    }

    static Stream<Arguments> mutableValues() {
        return Stream.of(
                value("ArrayList", new ArrayList<>(List.of("a"))),
                value("HashMap", new HashMap<>(Map.of("a", 1))),
                value("HashSet", new HashSet<>(Set.of("x"))),
                value("TreeMap", new TreeMap<>(Map.of(1, "a"))),
                value("POJO", new Money("EUR", 1)),
                value("int[]", new int[] {1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutableValues")
    void mutableValueDecodesToAFreshInstance(Object value) throws Exception {
        assertNotSame(value, roundTrip(value));
    }

    @Test
    void decodedMutableCollectionCanBeChangedWithoutTouchingTheOriginal() throws Exception {
        List<String> original = new ArrayList<>(List.of("a"));

        @SuppressWarnings("unchecked")
        List<String> decoded = (List<String>) roundTrip(original);
        decoded.add("b");

        assertEquals(List.of("a"), original);
        assertEquals(List.of("a", "b"), decoded);
    }

    @Test
    void nullRoundTripsToNull() throws Exception {
        assertNull(roundTrip(null));
    }

    @Test
    void nullIsEncodedAsTheNullMarker() throws Exception {
        assertArrayEquals(new byte[] {KryoCodec.FORMAT, 1}, codec.encode(null, loader));
    }

    @Test
    void encodingStartsWithTheFormatVersionAndNoFlags() throws Exception {
        byte[] bytes = codec.encode("value", loader);

        assertEquals(KryoCodec.FORMAT, bytes[0]);
        assertEquals(0, bytes[1]);
    }

    @Test
    void patternRoundTripsWithItsFlags() throws Exception {
        Pattern pattern = Pattern.compile("a+b", Pattern.CASE_INSENSITIVE);

        Pattern decoded = (Pattern) roundTrip(pattern);

        assertEquals(pattern.pattern(), decoded.pattern());
        assertEquals(pattern.flags(), decoded.flags());
    }

    @Test
    void atomicsRoundTripByValue() throws Exception {
        List<Object> atomics = List.of(new AtomicBoolean(true), new AtomicInteger(7), new AtomicLong(-8L),
                new AtomicReference<>("ref"));

        List<?> decoded = (List<?>) roundTrip(atomics);

        assertTrue(((AtomicBoolean) decoded.get(0)).get());
        assertEquals(7, ((AtomicInteger) decoded.get(1)).get());
        assertEquals(-8L, ((AtomicLong) decoded.get(2)).get());
        assertEquals("ref", ((AtomicReference<?>) decoded.get(3)).get());
    }

    // ---------------------------------------------------------------- arrays

    @Test
    void intArrayRoundTripsByContent() throws Exception {
        int[] array = {1, -2, Integer.MAX_VALUE};

        assertArrayEquals(array, (int[]) roundTrip(array));
    }

    @Test
    void stringArrayRoundTripsByContent() throws Exception {
        String[] array = {"a", null, "日本"};

        assertArrayEquals(array, (String[]) roundTrip(array));
    }

    @Test
    void objectArrayRoundTripsByContentAndComponentType() throws Exception {
        Object[] array = {1, "two", 3.0, null, List.of(4), new Point(5, 5)};

        Object decoded = roundTrip(array);

        assertEquals(Object[].class, decoded.getClass());
        assertArrayEquals(array, (Object[]) decoded);
    }

    @Test
    void twoDimensionalArrayRoundTripsByContent() throws Exception {
        long[][] array = {{1L}, {2L, 3L}, {}};

        assertArrayEquals(array, (long[][]) roundTrip(array));
    }

    // ---------------------------------------------------------------- unmodifiable views

    @SuppressWarnings("unchecked")
    static Stream<Arguments> unmodifiableViews() {
        return Stream.of(
                view("unmodifiableList over ArrayList", Collections.unmodifiableList(new ArrayList<>(List.of("a", "b"))),
                        decoded -> ((List<Object>) decoded).add("c")),
                view("unmodifiableList over LinkedList", Collections.unmodifiableList(new LinkedList<>(List.of("a", "b"))),
                        decoded -> ((List<Object>) decoded).set(0, "z")),
                view("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2))),
                        decoded -> ((Set<Object>) decoded).remove(1)),
                view("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("k", "v"))),
                        decoded -> ((Map<Object, Object>) decoded).put("k2", "v2")),
                view("unmodifiableSortedSet", Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(3, 1, 2))),
                        decoded -> ((SortedSet<Object>) decoded).add(4)),
                view("unmodifiableSortedMap", Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(2, "b", 1, "a"))),
                        decoded -> ((SortedMap<Object, Object>) decoded).clear()),
                view("unmodifiableCollection", Collections.unmodifiableCollection(new ArrayList<>(List.of("a", "b"))),
                        decoded -> ((Collection<Object>) decoded).add("c")),
                view("List.of", List.of(1, 2, 3), decoded -> ((List<Object>) decoded).add(4)),
                view("Set.of", Set.of(1, 2), decoded -> ((Set<Object>) decoded).add(3)),
                view("Map.of", Map.of("k", 1), decoded -> ((Map<Object, Object>) decoded).put("j", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmodifiableViews")
    void unmodifiableViewRoundTripsToTheSameContent(Object view, Consumer<Object> mutation) throws Exception {
        Object decoded = roundTrip(view);

        assertEquals(contentOf(view), contentOf(decoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmodifiableViews")
    void unmodifiableViewIsStillUnmodifiableAfterDecoding(Object view, Consumer<Object> mutation) throws Exception {
        Object decoded = roundTrip(view);

        assertThrows(UnsupportedOperationException.class, () -> mutation.accept(decoded));
    }

    @Test
    void unmodifiableSortedSetKeepsItsOrderAfterDecoding() throws Exception {
        SortedSet<String> view = Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("c", "a", "b")));

        @SuppressWarnings("unchecked")
        SortedSet<String> decoded = (SortedSet<String>) roundTrip(view);

        assertEquals(List.of("a", "b", "c"), new ArrayList<>(decoded));
        assertEquals("a", decoded.first());
    }

    @Test
    void unmodifiableViewInsideARecordRoundTrips() throws Exception {
        Order order = new Order("o-2", Collections.unmodifiableList(new ArrayList<>(List.of(new Point(1, 2)))),
                Collections.unmodifiableMap(new HashMap<>(Map.of("gift", "yes"))));

        assertEquals(order, roundTrip(order));
    }

    // ---------------------------------------------------------------- object graphs

    @Test
    void sharedReferencesAreStillSharedAfterDecoding() throws Exception {
        Point shared = new Point(7, 7);
        List<Object> graph = new ArrayList<>(List.of(shared, shared, new Line(shared, shared)));

        List<?> decoded = (List<?>) roundTrip(graph);

        Line line = (Line) decoded.get(2);
        assertSame(decoded.get(0), decoded.get(1));
        assertSame(decoded.get(0), line.from());
        assertSame(line.from(), line.to());
    }

    @Test
    void cycleIsRestoredAfterDecoding() throws Exception {
        GraphNode root = new GraphNode("root");
        GraphNode child = new GraphNode("child");
        root.children.add(child);
        child.parent = root;

        GraphNode decoded = (GraphNode) roundTrip(root);

        assertEquals("root", decoded.name);
        assertEquals("child", decoded.children.get(0).name);
        assertSame(decoded, decoded.children.get(0).parent);
    }

    @Test
    void objectGraphWithSharingAndACycleKeepsBoth() throws Exception {
        GraphNode root = new GraphNode("root");
        GraphNode left = new GraphNode("left");
        GraphNode right = new GraphNode("right");
        GraphNode sharedLeaf = new GraphNode("leaf");
        root.children.addAll(List.of(left, right));
        left.parent = root;
        right.parent = root;
        left.children.add(sharedLeaf);
        right.children.add(sharedLeaf);
        sharedLeaf.parent = left;
        sharedLeaf.children.add(root); // back to the top

        GraphNode decoded = (GraphNode) roundTrip(root);

        GraphNode decodedLeft = decoded.children.get(0);
        GraphNode decodedRight = decoded.children.get(1);
        GraphNode decodedLeaf = decodedLeft.children.get(0);
        assertSame(decodedLeaf, decodedRight.children.get(0));
        assertSame(decodedLeft, decodedLeaf.parent);
        assertSame(decoded, decodedLeaf.children.get(0));
        assertSame(decoded, decodedRight.parent);
    }

    @Test
    void listContainingItselfRoundTrips() throws Exception {
        List<Object> list = new ArrayList<>();
        list.add("head");
        list.add(list);

        List<?> decoded = (List<?>) roundTrip(list);

        assertEquals("head", decoded.get(0));
        assertSame(decoded, decoded.get(1));
    }

    // ---------------------------------------------------------------- encoding failures

    @Test
    void valueThatCannotBeSerializedFailsWithCodecException() {
        Object unserializable = new Holder(Thread.currentThread());

        CodecException failure = assertThrows(CodecException.class, () -> codec.encode(unserializable, loader));

        assertTrue(failure.getMessage().contains(Holder.class.getName()), failure.getMessage());
    }

    @Test
    void codecStillWorksAfterAnEncodingFailure() throws Exception {
        assertThrows(CodecException.class, () -> codec.encode(new Holder(Thread.currentThread()), loader));

        assertEquals(List.of(1, 2), roundTrip(List.of(1, 2)));
    }

    // ---------------------------------------------------------------- corrupt bytes

    @Test
    void emptyBytesFailWithCodecException() {
        assertThrows(CodecException.class, () -> codec.decode(new byte[0], loader));
    }

    @Test
    void formatByteAloneFailsWithCodecException() {
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT}, loader));
    }

    @ParameterizedTest
    @ValueSource(bytes = {0, 1, 3, 127, -1, -128})
    void unknownFormatByteFailsWithCodecException(byte format) throws Exception {
        byte[] bytes = codec.encode(List.of("a", "b"), loader);
        bytes[0] = format;

        assertThrows(CodecException.class, () -> codec.decode(bytes, loader));
    }

    @Test
    void everyTruncationOfAValidEncodingFailsWithCodecException() throws Exception {
        byte[] bytes = codec.encode(new Order("o-3", List.of(new Point(1, 2)), Map.of("k", "v")), loader);

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThrows(CodecException.class, () -> codec.decode(truncated, loader), "truncated to " + length + " bytes");
        }
    }

    @Test
    void payloadOfRandomBytesFailsOnlyWithCodecException() {
        Random random = new Random(42);
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[2 + random.nextInt(64)];
            random.nextBytes(bytes);
            bytes[0] = KryoCodec.FORMAT;
            bytes[1] = 0;
            if (decodeFailsWithCodecException(bytes)) {
                rejected++;
            }
        }

        assertTrue(rejected > 1000, "most random payloads must be rejected: " + rejected);
    }

    @Test
    void randomBytesFailOnlyWithCodecException() {
        Random random = new Random(4242);
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (decodeFailsWithCodecException(bytes)) {
                rejected++;
            }
        }

        assertTrue(rejected > 1900, "random bytes must almost always be rejected: " + rejected);
    }

    @Test
    void validEncodingWithFlippedBytesFailsOnlyWithCodecException() throws Exception {
        byte[] valid = codec.encode(new Order("o-4", List.of(new Point(1, 2), new Point(3, 4)), Map.of("k", "v")), loader);
        Random random = new Random(7);
        int rejected = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] corrupt = valid.clone();
            int at = 2 + random.nextInt(corrupt.length - 2);
            corrupt[at] = (byte) random.nextInt(256);
            if (decodeFailsWithCodecException(corrupt)) {
                rejected++;
            }
        }

        assertTrue(rejected > 0, "some flipped bytes must be rejected: " + rejected);
    }

    @Test
    void arrayLengthTooLargeForTheHeapFailsWithCodecException() throws Exception {
        // long[] {5, 6, 7} ends in its length + 1 (4) and the zigzag varints 10, 12, 14
        byte[] valid = codec.encode(new long[] {5, 6, 7}, loader);
        int lengthAt = valid.length - 4;
        assertArrayEquals(new byte[] {4, 10, 12, 14}, Arrays.copyOfRange(valid, lengthAt, valid.length),
                "precondition: the layout of Kryo's long[] encoding");
        byte[] crafted = Arrays.copyOf(valid, lengthAt + 5 + 3);
        writeVarInt(crafted, lengthAt, Integer.MAX_VALUE - 7); // a long[] of 2^31 - 8 elements: 16 GiB
        System.arraycopy(valid, lengthAt + 1, crafted, lengthAt + 5, 3);

        assertThrows(CodecException.class, () -> codec.decode(crafted, loader));
    }

    @Test
    void objectGraphDeeperThanTheStackFailsToEncodeWithCodecException() {
        assertThrows(CodecException.class, () -> codec.encode(chainOf(60_000), loader));
    }

    @Test
    void nestingJustWithinTheDepthLimitRoundTrips() throws Exception {
        Object decoded = roundTrip(chainOf(KryoCodec.MAX_DEPTH / 2 - 10));

        assertEquals(GraphNode.class, decoded.getClass());
    }

    @Test
    void nestingDeeperThanTheLimitFailsToEncodeWithCodecException() {
        assertThrows(CodecException.class, () -> codec.encode(chainOf(KryoCodec.MAX_DEPTH + 1), loader));
    }

    @Test
    void objectGraphDeeperThanTheStackFailsToDecodeWithCodecException() throws Exception {
        byte[] deep = encodeWithALargeStack(chainOf(60_000));

        assertThrows(CodecException.class, () -> codec.decode(deep, loader));
    }

    @Test
    void aClassNeitherAllowedNorWrittenByThisCodecIsRefusedBeforeItLoads() throws Exception {
        byte[] written = new KryoCodec(ClassAllowList.jdkOnly()).encode(new Point(1, 2), loader);
        KryoCodec reader = new KryoCodec(ClassAllowList.jdkOnly());

        CodecException refused = assertThrows(CodecException.class, () -> reader.decode(written, loader));
        assertTrue(refused.getMessage().startsWith("class " + Point.class.getName() + " is not allowed in stored values"),
                refused.getMessage());

        KryoCodec configured = new KryoCodec(new ClassAllowList(List.of(Point.class.getPackage().getName())));
        assertEquals(new Point(1, 2), configured.decode(written, loader), "cache.allowed.packages lets it in");
    }

    @Test
    void aNullEnvelopeWithTrailingBytesOrUnknownFlagsIsCorrupt() {
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT, 1, 7}, loader));
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT, 4, 7}, loader));
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT, 8}, loader));
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT, 5, 0, 0, 0, 1, 7}, loader));
    }

    @Test
    void theComputeTimeTravelsInTheEnvelopeBigEndian() throws Exception {
        for (int millis : new int[] {0, 1, 200, 70_000, Integer.MAX_VALUE}) {
            byte[] value = codec.encode(List.of("a", "b"), loader, millis);
            byte[] nothing = codec.encode(null, loader, millis);

            assertEquals(millis, KryoCodec.computeMillis(value));
            assertEquals(millis, KryoCodec.computeMillis(nothing));
            assertEquals(List.of("a", "b"), codec.decode(value, loader));
            assertNull(codec.decode(nothing, loader));
        }
        assertArrayEquals(new byte[] {KryoCodec.FORMAT, 5, 0, 0, 0, (byte) 200}, codec.encode(null, loader, 200));
        assertEquals(-1, KryoCodec.computeMillis(codec.encode("untimed", loader)));
        assertEquals(-1, KryoCodec.computeMillis(new byte[] {KryoCodec.FORMAT, 4, 0}), "truncated: no compute time");
    }

    @Test
    void bytesLeftOverAfterAValueAreCorrupt() throws Exception {
        byte[] valid = codec.encode("text", loader);
        byte[] extended = Arrays.copyOf(valid, valid.length + 3);

        assertThrows(CodecException.class, () -> codec.decode(extended, loader));
    }

    @Test
    void codecStillWorksAfterDecodingCorruptBytes() throws Exception {
        assertThrows(CodecException.class, () -> codec.decode(new byte[] {KryoCodec.FORMAT, 0, (byte) 0xff}, loader));

        assertEquals(new Point(1, 2), roundTrip(new Point(1, 2)));
    }

    // ---------------------------------------------------------------- helpers

    private Object roundTrip(Object value) throws CodecException {
        return codec.decode(codec.encode(value, loader), loader);
    }

    /**
     * @return whether decoding failed; a decoded value is accepted (random bytes may happen to
     *     be valid), any failure other than {@link CodecException} fails the test
     */
    private boolean decodeFailsWithCodecException(byte[] bytes) {
        try {
            codec.decode(bytes, loader);
            return false;
        } catch (CodecException expected) {
            return true;
        } catch (Throwable other) {
            fail("decoding " + Arrays.toString(bytes) + " failed with " + other + " instead of CodecException", other);
            return false;
        }
    }

    /** Kryo's positive varint: seven bits a byte, low bits first, always five bytes here. */
    private static void writeVarInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[at + 4] = (byte) value;
    }

    private static GraphNode chainOf(int length) {
        GraphNode head = new GraphNode("0");
        GraphNode tail = head;
        for (int i = 1; i < length; i++) {
            GraphNode next = new GraphNode(String.valueOf(i));
            tail.children.add(next);
            tail = next;
        }
        return head;
    }

    /**
     * What a writer without a depth limit and with a much larger thread stack could put into
     * Redis (crafted bytes, as far as this codec is concerned), and this one must refuse.
     */
    private byte[] encodeWithALargeStack(Object value) throws Exception {
        byte[][] encoded = new byte[1][];
        Throwable[] failure = new Throwable[1];
        Thread writer = new Thread(null, () -> {
            try {
                com.esotericsoftware.kryo.Kryo kryo = KryoFactory.newKryo(loader, ClassAllowList.jdkOnly());
                kryo.setMaxDepth(Integer.MAX_VALUE);
                com.esotericsoftware.kryo.io.Output output = new com.esotericsoftware.kryo.io.Output(1 << 16, -1);
                output.writeByte(KryoCodec.FORMAT);
                output.writeByte(0);
                kryo.writeClassAndObject(output, value);
                encoded[0] = output.toBytes();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "large-stack-writer", 1L << 30);
        writer.start();
        writer.join();
        if (failure[0] != null) {
            throw new AssertionError("precondition: a 1 GiB stack encodes the value", failure[0]);
        }
        codec.encode("so that this codec has written a GraphNode's classes too", loader);
        codec.encode(chainOf(3), loader);
        return encoded[0];
    }

    private static Object contentOf(Object collectionOrMap) {
        if (collectionOrMap instanceof List) {
            return new ArrayList<>((List<?>) collectionOrMap);
        }
        if (collectionOrMap instanceof Set) {
            return new HashSet<>((Set<?>) collectionOrMap);
        }
        if (collectionOrMap instanceof Map) {
            return new HashMap<>((Map<?, ?>) collectionOrMap);
        }
        return new ArrayList<>((Collection<?>) collectionOrMap); // unmodifiableCollection has identity equals
    }

    private static Arguments value(String name, Object value) {
        return Arguments.of(Named.of(name, value));
    }

    private static Arguments view(String name, Object view, Consumer<Object> mutation) {
        return Arguments.of(Named.of(name, view), mutation);
    }

    enum Colour { RED, GREEN }

    enum Operation {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        };

        abstract int apply(int a, int b);
    }

    record Point(int x, int y) { }

    record Line(Point from, Point to) { }

    record Order(String id, List<Point> points, Map<String, String> notes) { }

    static final class Money {
        private final String currency;
        private final long cents;

        Money(String currency, long cents) {
            this.currency = currency;
            this.cents = cents;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Money && ((Money) other).currency.equals(currency) && ((Money) other).cents == cents;
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency, cents);
        }
    }

    static final class GraphNode {
        final String name;
        final List<GraphNode> children = new ArrayList<>();
        GraphNode parent;

        GraphNode(String name) {
            this.name = name;
        }
    }

    static final class Holder {
        final Object content;

        Holder(Object content) {
            this.content = content;
        }
    }
}
