package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The near tier's copies ({@link ValueCopier}): each is the value a decode of the same bytes
 * gives (equal, same class), a new object wherever the value can change, sharing only JDK values
 * that cannot; shared references and cycles survive; transient fields end as a decode leaves them;
 * and anything the copier does not know is refused with its reason, never copied wrongly.
 */
class ValueCopierTest {

    private final ValueCopier copier = new ValueCopier();
    private final KryoCodec codec = new KryoCodec(new ClassAllowList(List.of("io.rediscache.agent.codec")));
    private final ClassLoader loader = ValueCopierTest.class.getClassLoader();

    /** Every value the codec's own test round-trips: a copy of the decoded value equals it, or is refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.rediscache.agent.codec.KryoCodecTest#values")
    void aCopyOfADecodedValueEqualsItOrIsRefused(Object value) throws Exception {
        Object decoded = decoded(value);
        Object copy;
        try {
            copy = copier.copy(decoded);
        } catch (NotCopyableException refused) {
            assertTrue(refused.getMessage().contains("cannot be copied"), refused.getMessage());
            return;
        }
        assertEquals(decoded, copy);
        assertEquals(decoded.getClass(), copy.getClass());
    }

    @Test
    void theCommonShapesAreCopiedNotRefused() throws Exception {
        List<Object> values = List.of(new ArrayList<>(List.of("a", "b")), new LinkedList<>(List.of(1, 2)),
                new HashMap<>(Map.of("a", 1)), new LinkedHashMap<>(Map.of("b", 2L)), new HashSet<>(Set.of("x")),
                new LinkedHashSet<>(Set.of(3)), new KryoCodecTest.Money("EUR", 1999), new KryoCodecTest.Point(1, 2),
                new KryoCodecTest.Line(new KryoCodecTest.Point(0, 0), new KryoCodecTest.Point(3, 4)),
                new int[] {1, 2}, new String[] {"a", null}, new Date(1_700_000_000_000L), KryoCodecTest.Colour.RED,
                "text", 42, new BigDecimal("1.50"), UUID.randomUUID(), Instant.ofEpochSecond(7));
        for (Object value : values) {
            Object decoded = decoded(value);
            Object copy = copier.copy(decoded);
            if (copy instanceof int[]) {
                assertArrayEquals((int[]) decoded, (int[]) copy);
            } else if (copy instanceof Object[]) {
                assertArrayEquals((Object[]) decoded, (Object[]) copy);
            } else {
                assertEquals(decoded, copy, value.getClass().getName());
            }
        }
    }

    @Test
    void aProfileIsCopiedDeeplyAndSharesOnlyItsStrings() throws Exception {
        Profile master = (Profile) decoded(new Profile("ann", 7, new ArrayList<>(List.of("admin")),
                new HashMap<>(Map.of("k", new ArrayList<>(List.of(1L))))));

        Profile copy = (Profile) copier.copy(master);
        copy.roles.add("intruder");
        copy.settings.get("k").add(2L);

        assertNotSame(master, copy);
        assertSame(master.name, copy.name); // a String never changes: shared
        assertEquals(7, copy.age);
        assertEquals(List.of("admin"), master.roles);
        assertEquals(List.of(1L), master.settings.get("k"));
        assertEquals(List.of("admin"), ((Profile) copier.copy(master)).roles);
    }

    @Test
    void twoReferencesToOneListStayOneListInTheCopy() throws Exception {
        List<String> shared = new ArrayList<>(List.of("x"));
        Pair master = (Pair) decoded(new Pair(shared, shared));

        Pair copy = (Pair) copier.copy(master);

        assertSame(copy.left, copy.right);
        assertNotSame(master.left, copy.left);
    }

    @Test
    void aCycleStaysACycle() throws Exception {
        Node a = new Node("a");
        Node b = new Node("b");
        a.next = b;
        b.next = a;
        Node master = (Node) decoded(a);

        Node copy = (Node) copier.copy(master);

        assertNotSame(master, copy);
        assertEquals("b", copy.next.name);
        assertSame(copy, copy.next.next);
    }

    @Test
    void transientFieldsEndAsADecodeLeavesThem() throws Exception {
        WithTransient master = (WithTransient) decoded(new WithTransient("v"));

        WithTransient copy = (WithTransient) copier.copy(master);

        assertEquals("v", copy.value);
        assertEquals(List.of(), copy.scratch); // from the no-arg constructor, as in the decode
        assertNotSame(master.scratch, copy.scratch);
    }

    @Test
    void aRecordIsRebuiltWithCopiesOfItsMutableComponents() throws Exception {
        Tagged master = (Tagged) decoded(new Tagged("t", new ArrayList<>(List.of("a"))));

        Tagged copy = (Tagged) copier.copy(master);
        copy.tags().add("b");

        assertNotSame(master, copy);
        assertEquals(List.of("a"), master.tags());
    }

    @Test
    void arraysOfObjectsAreCopiedElementByElement() throws Exception {
        Node[] master = (Node[]) decoded(new Node[] {new Node("a"), null});

        Node[] copy = (Node[]) copier.copy(master);

        assertEquals(Node[].class, copy.getClass());
        assertNotSame(master[0], copy[0]);
        assertEquals("a", copy[0].name);
        assertNull(copy[1]);
    }

    @Test
    void aListOfMutableObjectsGetsCopiesOfThem() throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> master = (List<Object>) decoded(new ArrayList<>(List.of("s", new Node("a"))));

        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) copier.copy(master);

        assertSame(master.get(0), copy.get(0));
        assertNotSame(master.get(1), copy.get(1));
        assertEquals("a", ((Node) copy.get(1)).name);
    }

    @Test
    void aDateIsANewDate() throws Exception {
        Date master = new Date(1_700_000_000_000L);

        Date copy = (Date) copier.copy(master);
        copy.setTime(0);

        assertEquals(1_700_000_000_000L, master.getTime());
    }

    @Test
    void aJdkClassOutsideTheKnownOnesIsRefusedByName() {
        NotCopyableException refused = assertThrows(NotCopyableException.class,
                () -> copier.copy(new Holder(new AtomicInteger(1))));

        assertTrue(refused.getMessage().contains("java.util.concurrent.atomic.AtomicInteger"), refused.getMessage());
        assertThrows(NotCopyableException.class, () -> copier.copy(new TreeMap<>(Map.of(1, "a"))));
    }

    @Test
    void anApplicationSubclassOfAJdkCollectionIsRefusedNotCopiedFieldByField() {
        Tags tags = new Tags();
        tags.add("a");

        NotCopyableException refused = assertThrows(NotCopyableException.class, () -> copier.copy(tags));

        assertTrue(refused.getMessage().contains("collection"), refused.getMessage());
    }

    @Test
    void aChainDeeperThanTheCodecReadsIsRefusedNotOverflowed() {
        Node head = new Node("0");
        Node tail = head;
        for (int i = 1; i < 10_000; i++) {
            tail.next = new Node(Integer.toString(i));
            tail = tail.next;
        }
        Node chain = head;

        NotCopyableException refused = assertThrows(NotCopyableException.class, () -> copier.copy(chain));
        assertTrue(refused.getMessage().contains("deeper than"), refused.getMessage());
    }

    @Test
    void nullAndSharedValuesAreReturnedAsTheyAre() throws Exception {
        assertNull(copier.copy(null));
        String text = "same";
        assertSame(text, copier.copy(text));
        assertSame(KryoCodecTest.Colour.GREEN, copier.copy(KryoCodecTest.Colour.GREEN));
    }

    private Object decoded(Object value) throws CodecException {
        return codec.decode(codec.encode(value, loader), loader);
    }

    static final class Profile {
        final String name;
        final int age;
        final List<String> roles;
        final Map<String, List<Long>> settings;

        Profile(String name, int age, List<String> roles, Map<String, List<Long>> settings) {
            this.name = name;
            this.age = age;
            this.roles = roles;
            this.settings = settings;
        }
    }

    static final class Pair {
        final List<String> left;
        final List<String> right;

        Pair(List<String> left, List<String> right) {
            this.left = left;
            this.right = right;
        }
    }

    static final class Node {
        final String name;
        Node next;

        Node(String name) {
            this.name = name;
        }
    }

    static final class WithTransient {
        String value;
        transient List<String> scratch = new ArrayList<>();

        WithTransient() {
        }

        WithTransient(String value) {
            this.value = value;
            this.scratch.add("not stored");
        }
    }

    static final class Holder {
        final Object content;

        Holder(Object content) {
            this.content = content;
        }
    }

    record Tagged(String name, List<String> tags) { }

    static final class Tags extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
    }
}
