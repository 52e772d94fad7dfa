package io.rediscache.it.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import io.rediscache.it.values.SampleValues.Account;
import io.rediscache.it.values.SampleValues.Customer;
import io.rediscache.it.values.SampleValues.Invoice;
import io.rediscache.it.values.SampleValues.Line;
import io.rediscache.it.values.SampleValues.Money;
import io.rediscache.it.values.SampleValues.Node;
import io.rediscache.it.values.SampleValues.Operation;
import io.rediscache.it.values.SampleValues.Order;
import io.rediscache.it.values.SampleValues.Size;

/**
 * Every kind of result the value tests round-trip through Redis: how to build a fresh expected
 * value, how to obtain it through the cached service, and what "came back intact" means for it.
 *
 * <p>{@link #check} is strict: same class (an {@code ArrayList} stays an {@code ArrayList}, a
 * {@code List.of} stays immutable), equal content ({@code Arrays.deepEquals} for arrays), the
 * same iteration order for ordered collections, the same answer to a mutation attempt
 * (unmodifiable stays unmodifiable, fixed-size stays fixed-size, modifiable stays modifiable),
 * and for graphs the same identity shape (shared references shared, the cycle closed).
 */
public final class ValueKinds {

    /** One kind of value. {@code shape} checks identity structure on the decoded value: {@code null} when intact. */
    record Kind(String name, Supplier<Object> build, Function<ValueService, Object> call, Function<Object, String> shape) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        primitive("int", () -> 42, ValueService::anInt);
        primitive("long", () -> 9_000_000_000L, ValueService::aLong);
        primitive("double", () -> -0.1, ValueService::aDouble);
        primitive("float", () -> 3.25f, ValueService::aFloat);
        primitive("boolean", () -> true, ValueService::aBoolean);
        primitive("char", () -> 'é', ValueService::aChar);
        primitive("byte", () -> (byte) -7, ValueService::aByte);
        primitive("short", () -> (short) 31_000, ValueService::aShort);
        primitive("nullInteger", () -> null, ValueService::aNullBox);

        value("Integer", () -> Integer.valueOf(1_000_000));
        value("Long", () -> Long.valueOf(-5L));
        value("Double", () -> Double.NaN);
        value("Float", () -> Float.valueOf(-0.0f));
        value("Boolean", () -> Boolean.FALSE);
        value("Character", () -> Character.valueOf('\u20ac'));
        value("Byte", () -> Byte.valueOf((byte) 127));
        value("Short", () -> Short.valueOf((short) -1));

        value("String", () -> "plain ascii");
        value("StringUnicode", () -> "Grüße, 東京 \uD83D\uDE80 | pipes | and\nnewlines");
        value("StringEmpty", () -> "");

        value("enum", () -> Size.LARGE);
        value("enumWithBody", () -> Operation.TIMES);

        value("intArray", () -> new int[] {3, 1, 4, 1, 5, 9, 2, 6});
        value("byteArray", () -> new byte[] {0, -1, 127, -128});
        value("stringArray", () -> new String[] {"a", null, "c"});
        value("nestedIntArray", () -> new int[][] {{1}, {}, {2, 3, 4}, null});
        value("nestedStringArray", () -> new String[][] {{"x", "y"}, {null}, {}});
        value("objectArray", () -> new Object[] {1, "two", 3.0, Size.SMALL, new long[] {4L}, List.of("five")});
        value("enumArray", () -> new Size[] {Size.MEDIUM, Size.SMALL});

        value("ArrayList", () -> new ArrayList<>(List.of("b", "a", "c")));
        value("LinkedList", () -> new LinkedList<>(List.of(1, 2, 3)));
        value("HashMap", () -> hashMap());
        value("HashSet", () -> new HashSet<>(List.of("x", "y", "z", "w")));
        value("LinkedHashMap", () -> linkedHashMap());
        value("LinkedHashSet", () -> new LinkedHashSet<>(List.of("zeta", "alpha", "mid")));
        value("TreeMap", () -> new TreeMap<>(hashMap()));
        value("TreeMapReverseOrder", () -> {
            TreeMap<String, Integer> map = new TreeMap<>(Comparator.reverseOrder());
            map.putAll(hashMap());
            return map;
        });
        value("TreeSet", () -> new TreeSet<>(List.of(5, 3, 8)));
        value("EnumSet", () -> EnumSet.of(Size.SMALL, Size.LARGE));
        value("EnumMap", () -> new EnumMap<>(Map.of(Size.MEDIUM, "m", Size.LARGE, "l")));
        value("EnumMapEmpty", () -> new EnumMap<Size, String>(Size.class), actual -> {
            try {
                @SuppressWarnings("unchecked")
                EnumMap<Size, String> map = (EnumMap<Size, String>) actual;
                map.put(Size.SMALL, "keyed by Size");
                map.remove(Size.SMALL);
                return null;
            } catch (RuntimeException e) {
                return "the decoded EnumMap does not take Size keys: " + e;
            }
        });
        value("EnumMapOfConstantBodies", () -> new EnumMap<>(Map.of(Operation.TIMES, 2)));
        value("ListOf", () -> List.of("one", "two", "three"));
        value("ListOfTwo", () -> List.of("one", "two"));
        value("ListOfEmpty", () -> List.of());
        value("SetOf", () -> Set.of("red", "green", "blue"));
        value("MapOf", () -> Map.of("k1", 1, "k2", 2, "k3", 3));
        value("MapOfEntries", () -> Map.ofEntries(Map.entry("a", List.of(1)), Map.entry("b", List.of(2, 3))));
        value("ListCopyOf", () -> List.copyOf(new ArrayList<>(List.of(7, 8))));
        value("UnmodifiableList", () -> Collections.unmodifiableList(new ArrayList<>(List.of("u", "v"))));
        value("UnmodifiableSet", () -> Collections.unmodifiableSet(new HashSet<>(List.of("s1", "s2"))));
        value("UnmodifiableMap", () -> Collections.unmodifiableMap(hashMap()));
        value("UnmodifiableSortedMap", () -> Collections.unmodifiableSortedMap(new TreeMap<>(hashMap())));
        value("ArraysAsList", () -> Arrays.asList("p", "q", "r"));
        value("EmptyList", Collections::emptyList);
        value("EmptyMap", Collections::emptyMap);
        value("EmptySet", Collections::emptySet);
        value("SingletonList", () -> Collections.singletonList("only"));
        value("NestedCollections", () -> {
            Map<String, List<Set<Integer>>> nested = new HashMap<>();
            nested.put("evens", new ArrayList<>(List.of(new HashSet<>(List.of(2, 4)), new HashSet<>())));
            nested.put("odds", new ArrayList<>(List.of(new HashSet<>(List.of(1, 3, 5)))));
            return nested;
        });

        value("OptionalPresent", () -> Optional.of("here"));
        value("OptionalEmpty", Optional::empty);
        value("OptionalOfRecord", () -> Optional.of(new Money(new BigDecimal("1.10"), "USD")));

        value("BigDecimal", () -> new BigDecimal("19.90"));
        value("BigDecimalHuge", () -> new BigDecimal("-123456789012345678901234567890.000000000000000001"));
        value("BigInteger", () -> new BigInteger("987654321098765432109876543210"));

        value("LocalDate", () -> LocalDate.of(2024, 2, 29));
        value("LocalDateTime", () -> LocalDateTime.of(2024, 3, 31, 2, 30, 15, 123_456_789));
        value("LocalTime", () -> LocalTime.of(23, 59, 59, 999));
        value("Instant", () -> Instant.ofEpochSecond(1_700_000_000L, 42));
        value("Duration", () -> Duration.ofHours(25).plusNanos(7));
        value("ZonedDateTime", () -> ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris")));
        value("ZonedDateTimeOffset", () -> ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)));
        value("OffsetDateTime", () -> OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));

        value("record", () -> new Money(new BigDecimal("9.99"), "EUR"));
        value("nestedRecord", ValueKinds::order, actual -> ((Order) actual).first() == ((Order) actual).lines().get(0)
                ? null : "the line shared by two record components was split into copies");
        value("pojoWithoutNoArgConstructor", () -> new Invoice("INV-1", 3L, "ACME", new BigDecimal("100.00"),
                new ArrayList<>(List.of("net 30", "paid"))));
        value("pojoWithNullFields", () -> new Invoice("INV-2", 0L, "Nobody", null, null));

        value("sharedReferences", ValueKinds::account, actual -> {
            Account account = (Account) actual;
            return account.owner == account.billedTo && account.members.get(0) == account.owner
                    && account.members.get(1) == account.members.get(2) && account.members.get(1) != account.owner
                    ? null : "shared references were split into copies";
        });
        value("sharedInList", () -> {
            Customer shared = new Customer("shared", 1);
            return new ArrayList<>(List.of(shared, new Customer("other", 2), shared));
        }, actual -> ((List<?>) actual).get(0) == ((List<?>) actual).get(2) ? null : "shared element was split");
        value("cycle", ValueKinds::tree, actual -> {
            Node root = (Node) actual;
            Node child = root.children.get(0);
            Node grandChild = child.children.get(0);
            return root.parent == null && child.parent == root && root.children.get(1).parent == root
                    && grandChild.parent == child ? null : "the back references no longer point at the parents";
        });

        value("null", () -> null);
    }

    private ValueKinds() {
    }

    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    static Kind kind(String name) {
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("no value kind " + name);
        }
        return kind;
    }

    /** A freshly built value of this kind: what the cached body returns, and what a hit is compared with. */
    static Object expected(String name) {
        return kind(name).build.get();
    }

    private static void primitive(String name, Supplier<Object> build, Function<ValueService, Object> call) {
        KINDS.put(name, new Kind(name, build, call, actual -> null));
    }

    private static void value(String name, Supplier<Object> build) {
        value(name, build, actual -> null);
    }

    private static void value(String name, Supplier<Object> build, Function<Object, String> shape) {
        KINDS.put(name, new Kind(name, build, service -> service.value(name), shape));
    }

    private static HashMap<String, Integer> hashMap() {
        HashMap<String, Integer> map = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            map.put("key-" + i, i * i);
        }
        return map;
    }

    private static LinkedHashMap<String, Integer> linkedHashMap() {
        LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
        map.put("zulu", 26);
        map.put("alpha", 1);
        map.put("mike", 13);
        return map;
    }

    private static Order order() {
        Money price = new Money(new BigDecimal("2.50"), "EUR");
        Line first = new Line("A-1", 2, price, Size.SMALL);
        Line second = new Line("B-2", 1, new Money(new BigDecimal("10"), "EUR"), null);
        Map<String, Money> totals = new TreeMap<>(Map.of("net", new Money(new BigDecimal("15.00"), "EUR")));
        return new Order("O-7", first, List.of(first, second), totals);
    }

    private static Account account() {
        Customer owner = new Customer("owner", 3);
        Customer guest = new Customer("guest", 0);
        return new Account(owner, owner, new ArrayList<>(List.of(owner, guest, guest)));
    }

    private static Node tree() {
        Node child = new Node("child").add(new Node("grandchild"));
        return new Node("root").add(child).add(new Node("leaf"));
    }

    /**
     * @return {@code "ok"}, or what is wrong with {@code actual} compared with a fresh {@code expected}, in one line
     */
    static String check(Kind kind, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual ? "ok" : "expected " + describe(expected) + " but got " + describe(actual);
        }
        if (expected.getClass() != actual.getClass()) {
            return "expected a " + expected.getClass().getName() + " but got a " + actual.getClass().getName()
                    + ": " + describe(actual);
        }
        if (expected.getClass().isArray()) {
            if (!Arrays.deepEquals(new Object[] {expected}, new Object[] {actual})) {
                return "array differs: expected " + describe(expected) + " but got " + describe(actual);
            }
        } else if (!Objects.equals(expected, actual)) {
            return "value differs: expected " + describe(expected) + " but got " + describe(actual);
        }
        if (isOrdered(expected) && !order(expected).equals(order(actual))) {
            return "iteration order differs: expected " + order(expected) + " but got " + order(actual);
        }
        String shape = kind.shape.apply(actual);
        if (shape != null) {
            return shape;
        }
        String expectedMutability = mutability(expected);
        String actualMutability = mutability(actual);
        if (!expectedMutability.equals(actualMutability)) {
            return "mutability differs: expected " + expectedMutability + " but got " + actualMutability;
        }
        return "ok";
    }

    private static boolean isOrdered(Object value) {
        return value instanceof List || value instanceof LinkedHashMap || value instanceof LinkedHashSet
                || value instanceof SortedMap || value instanceof SortedSet;
    }

    private static List<Object> order(Object value) {
        return new ArrayList<>(value instanceof Map<?, ?> map ? map.keySet() : (Collection<?>) value);
    }

    /**
     * How the value answers a mutation that keeps its content (re-adding or re-putting an element
     * it already holds): "add:ok set:UOE" and so on. Call only on values that may be thrown away.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static String mutability(Object value) {
        if (value instanceof List list) {
            Object element = list.isEmpty() ? null : list.get(0);
            String set = list.isEmpty() ? "n/a" : attempt(() -> list.set(0, element));
            return "add:" + attempt(() -> list.add(element)) + " set:" + set;
        }
        if (value instanceof Collection collection) {
            Object element = collection.isEmpty() ? null : collection.iterator().next();
            return "add:" + attempt(() -> collection.add(element));
        }
        if (value instanceof Map map) {
            if (map.isEmpty()) {
                return "put:" + attempt(() -> map.put(null, null));
            }
            Map.Entry entry = (Map.Entry) map.entrySet().iterator().next();
            Object key = entry.getKey();
            Object mapped = entry.getValue();
            return "put:" + attempt(() -> map.put(key, mapped));
        }
        return "immutable value";
    }

    private static String attempt(Runnable mutation) {
        try {
            mutation.run();
            return "ok";
        } catch (UnsupportedOperationException e) {
            return "UOE";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : safeToString(value);
        return (text.length() > 300 ? text.substring(0, 300) + "…" : text).replace('\n', ' ').replace('\r', ' ');
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (StackOverflowError e) {
            return value.getClass().getName() + " (cyclic)";
        }
    }
}
