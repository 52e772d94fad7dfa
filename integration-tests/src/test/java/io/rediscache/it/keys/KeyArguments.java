package io.rediscache.it.keys;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.rediscache.it.keys.KeyValues.Color;
import io.rediscache.it.keys.KeyValues.Criteria;
import io.rediscache.it.keys.KeyValues.CriteriaLookalike;
import io.rediscache.it.keys.KeyValues.Label;
import io.rediscache.it.keys.KeyValues.Page;
import io.rediscache.it.keys.KeyValues.Query;
import io.rediscache.it.keys.KeyValues.Shape;
import io.rediscache.it.keys.KeyValues.TrafficLight;

/**
 * The arguments of the key tests.
 * <ul>
 *   <li>{@link Same}: JVM A calls with {@code a}, JVM B with {@code b}, a logically equal value
 *       built differently (other insertion order, capacity, collection class, instances, set
 *       iteration order); B must hit A's entry.</li>
 *   <li>{@link Different}: after A stored {@code reference}, JVM B calls with a value that only
 *       looks alike (another number type, order, constant, class); B must miss.</li>
 * </ul>
 */
public final class KeyArguments {

    record Same(String name, Function<KeyService, String> a, Function<KeyService, String> b) {
    }

    record Different(String name, String reference, Function<KeyService, String> call) {
    }

    static final List<Same> SAME = new ArrayList<>();
    static final List<Different> DIFFERENT = new ArrayList<>();

    static {
        same("Integer1", () -> 1, () -> Integer.valueOf("1"));
        same("IntegerLarge", () -> 100_000, () -> Integer.parseInt("100000"));
        same("Long", () -> 5_000_000_000L, () -> Long.valueOf("5000000000"));
        same("Double", () -> 2.5, () -> Double.valueOf("2.5"));
        same("BigDecimal", () -> new BigDecimal("12.30"), () -> BigDecimal.valueOf(1230, 2));
        same("String", () -> "straße", () -> new String("straße".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        same("null", () -> null, () -> null);
        same("enum", () -> Color.RED, () -> Color.valueOf("RED"));
        same("enumWithBody", () -> Shape.CIRCLE, () -> Enum.valueOf(Shape.class, "CIRCLE"));
        same("Optional", () -> Optional.of("v"), () -> Optional.ofNullable(new String(new char[] {'v'})));
        same("LocalDate", () -> LocalDate.of(2024, 1, 31), () -> LocalDate.parse("2024-01-31"));
        same("Instant", () -> Instant.ofEpochMilli(1_700_000_000_123L), () -> Instant.parse("2023-11-14T22:13:20.123Z"));

        same("ListArrayListVsLinkedList", () -> new ArrayList<>(List.of(1, 2, 3)), () -> new LinkedList<>(List.of(1, 2, 3)));
        same("ListWithNulls", () -> Arrays.asList(null, "a", null), () -> {
            List<String> list = new ArrayList<>(1);
            list.add(null);
            list.add("a");
            list.add(null);
            return list;
        });
        same("HashMapInsertionOrderAndCapacity", () -> numbered(new HashMap<>(), false, 40),
                () -> numbered(new HashMap<>(1024), true, 40));
        same("HashMapVsLinkedHashMap", () -> numbered(new HashMap<>(), false, 30),
                () -> numbered(new LinkedHashMap<>(), true, 30));
        same("TreeMapVsHashMap", () -> numbered(new TreeMap<>(), false, 20), () -> numbered(new HashMap<>(8), true, 20));
        same("MapOf", () -> Map.of("k1", 1, "k2", 2, "k3", 3, "k4", 4), () -> Map.of("k4", 4, "k3", 3, "k2", 2, "k1", 1));
        same("HashMapVsEnumMap", () -> new HashMap<>(Map.of(Color.RED, "r", Color.GREEN, "g", Color.BLUE, "b")),
                () -> new EnumMap<>(Map.of(Color.BLUE, "b", Color.GREEN, "g", Color.RED, "r")));
        same("HashSetInsertionOrderAndCapacity", () -> words(new HashSet<>(), false, 13),
                () -> words(new HashSet<>(512), true, 13));
        same("HashSetVsTreeSet", () -> words(new HashSet<>(), false, 12), () -> words(new TreeSet<>(), true, 12));
        same("LinkedHashSetVsHashSet", () -> words(new LinkedHashSet<>(), true, 11), () -> words(new HashSet<>(), false, 11));
        same("SetOf", () -> Set.of("w", "x", "y", "z"), () -> Set.of("z", "y", "x", "w"));
        same("SetOfEnumsByIdentityHash", () -> new HashSet<>(List.of(Color.RED, Color.GREEN, Color.BLUE)),
                () -> new HashSet<>(List.of(Color.BLUE, Color.RED, Color.GREEN)));
        same("SetOfRecordsByIdentityHash", () -> new HashSet<>(List.of(query(false, 1), query(false, 2), query(false, 3))),
                () -> new HashSet<>(List.of(query(true, 3), query(true, 1), query(true, 2))));
        same("SetOfObjectsWithoutHashCode", () -> new HashSet<>(List.of(new Label("a"), new Label("b"), new Label("c"))),
                () -> new HashSet<>(List.of(new Label("c"), new Label("a"), new Label("b"))));
        same("NestedMapOfSets", () -> {
            Map<String, Set<Integer>> map = new HashMap<>();
            map.put("odd", new HashSet<>(List.of(1, 3, 5)));
            map.put("even", new HashSet<>(List.of(2, 4)));
            return map;
        }, () -> {
            Map<String, Set<Integer>> map = new TreeMap<>();
            map.put("even", new TreeSet<>(List.of(4, 2)));
            map.put("odd", new LinkedHashSet<>(List.of(5, 3, 1)));
            return map;
        });

        same("intArray", () -> new int[] {1, 2, 3}, () -> IntStream.rangeClosed(1, 3).toArray());
        same("StringArray2D", () -> new String[][] {{"a"}, {"b", "c"}, null}, () -> {
            String[][] array = new String[3][];
            array[0] = new String[] {new String(new char[] {'a'})};
            array[1] = "b,c".split(",");
            return array;
        });
        same("ObjectArray", () -> new Object[] {1, "x", Color.GREEN, null}, () -> {
            Object[] array = new Object[4];
            array[2] = Color.valueOf("GREEN");
            array[1] = "x";
            array[0] = Integer.valueOf(1);
            return array;
        });
        same("record", () -> query(false, 7), () -> query(true, 7));
        same("nestedRecord", () -> new Page(query(false, 1), List.of(query(false, 2), query(false, 3)), 4),
                () -> new Page(query(true, 1), new ArrayList<>(List.of(query(true, 2), query(true, 3))), 4));
        same("pojo", () -> criteria(), () -> criteriaThroughSetters());
        sameSearch("searchIgnoresNonKeyParameter", false, "eu", 1L);

        different("LongVsInteger", "Integer1", () -> 1L);
        different("StringVsInteger", "Integer1", () -> "1");
        different("ShortVsInteger", "Integer1", () -> (short) 1);
        different("DoubleVsInteger", "Integer1", () -> 1.0);
        different("BigDecimalVsInteger", "Integer1", () -> BigDecimal.ONE);
        different("OtherInteger", "Integer1", () -> 2);
        different("OtherEnumConstant", "enum", () -> Color.GREEN);
        different("SameNameOtherEnum", "enum", () -> TrafficLight.RED);
        different("ListReordered", "ListArrayListVsLinkedList", () -> List.of(3, 2, 1));
        different("SetOfSameElementsAsList", "ListArrayListVsLinkedList", () -> new LinkedHashSet<>(List.of(1, 2, 3)));
        different("IntegerArrayVsIntArray", "intArray", () -> new Integer[] {1, 2, 3});
        different("LongArrayVsIntArray", "intArray", () -> new long[] {1, 2, 3});
        different("MapWithOneValueChanged", "HashMapInsertionOrderAndCapacity", () -> {
            Map<String, Integer> map = numbered(new HashMap<>(), false, 40);
            map.put("key-7", -7);
            return map;
        });
        different("MapWithOneEntryLess", "HashMapInsertionOrderAndCapacity", () -> {
            Map<String, Integer> map = numbered(new HashMap<>(), false, 40);
            map.remove("key-0");
            return map;
        });
        different("SetWithOneElementMore", "HashSetInsertionOrderAndCapacity", () -> {
            Set<String> set = words(new HashSet<>(), false, 13);
            set.add("extra");
            return set;
        });
        different("StringNullVsNull", "null", () -> "null");
        different("EmptyStringVsNull", "null", () -> "");
        different("OptionalEmptyVsNull", "null", Optional::empty);
        different("EmptyListVsNull", "null", Collections::emptyList);
        different("StringOtherCase", "String", () -> "Straße");
        different("RecordOneFieldChanged", "record", () -> new Query("sku-7", 8, Set.of("new", "sale"), Color.RED,
                Map.of("max", 10, "min", 1)));
        different("PojoOtherClassSameFields", "pojo", () -> new CriteriaLookalike("eu-west", 42L, "spring sale",
                new HashSet<>(List.of(new Label("x"), new Label("y"))), new HashMap<>(Map.of(Color.RED, 3, Color.BLUE, 1)),
                new int[] {36, 38}, null));
        different("PojoArrayElementChanged", "pojo", () -> new Criteria("eu-west", 42L, "spring sale",
                new HashSet<>(List.of(new Label("x"), new Label("y"))), new HashMap<>(Map.of(Color.RED, 3, Color.BLUE, 1)),
                new int[] {36, 40}, null));
        DIFFERENT.add(new Different("SearchOtherRegion", "searchIgnoresNonKeyParameter",
                service -> service.search("us", filter(false), 1L)));
    }

    private KeyArguments() {
    }

    private static void same(String name, Supplier<Object> a, Supplier<Object> b) {
        SAME.add(new Same(name, service -> service.lookup(a.get()), service -> service.lookup(b.get())));
    }

    private static void sameSearch(String name, boolean reversed, String region, long requestId) {
        SAME.add(new Same(name, service -> service.search(region, filter(reversed), requestId),
                service -> service.search(region, filter(!reversed), requestId + 999)));
    }

    private static void different(String name, String reference, Supplier<Object> argument) {
        DIFFERENT.add(new Different(name, reference, service -> service.lookup(argument.get())));
    }

    static List<String> sameNames() {
        return SAME.stream().map(Same::name).toList();
    }

    static List<String> differentNames() {
        return DIFFERENT.stream().map(Different::name).toList();
    }

    /** key-0 → 0 … key-(size-1) → (size-1)², inserted forwards or backwards. */
    private static <M extends Map<String, Integer>> M numbered(M map, boolean backwards, int size) {
        for (int i = 0; i < size; i++) {
            int n = backwards ? size - 1 - i : i;
            map.put("key-" + n, n * n);
        }
        return map;
    }

    /** The first {@code count} of 13 words, added forwards or backwards. */
    private static <S extends Set<String>> S words(S set, boolean backwards, int count) {
        List<String> words = new ArrayList<>(List.of("delta", "alpha", "kilo", "echo", "bravo", "zulu", "mike", "oscar",
                "tango", "charlie", "hotel", "juliet", "lima").subList(0, count));
        if (backwards) {
            Collections.reverse(words);
        }
        set.addAll(words);
        return set;
    }

    /** A query built either directly or, when {@code rebuilt}, through other collection classes and orders. */
    private static Query query(boolean rebuilt, int quantity) {
        Set<String> tags = rebuilt ? new TreeSet<>(List.of("sale", "new")) : new HashSet<>(List.of("new", "sale"));
        Map<String, Integer> limits = rebuilt ? new LinkedHashMap<>() : new HashMap<>();
        if (rebuilt) {
            limits.put("min", 1);
            limits.put("max", 10);
        } else {
            limits.put("max", 10);
            limits.put("min", 1);
        }
        return new Query(rebuilt ? new String("sku-" + quantity) : "sku-" + quantity, quantity, tags,
                rebuilt ? Color.valueOf("RED") : Color.RED, limits);
    }

    private static Criteria criteria() {
        return new Criteria("eu-west", 42L, "spring sale", new HashSet<>(List.of(new Label("x"), new Label("y"))),
                new HashMap<>(Map.of(Color.RED, 3, Color.BLUE, 1)), new int[] {36, 38}, null);
    }

    private static Criteria criteriaThroughSetters() {
        Criteria criteria = new Criteria();
        criteria.setLimit(null);
        criteria.setSizes(IntStream.of(36, 38).toArray());
        Map<Color, Integer> weights = new EnumMap<>(Color.class);
        weights.put(Color.BLUE, 1);
        weights.put(Color.RED, 3);
        criteria.setWeights(weights);
        Set<Label> labels = new LinkedHashSet<>();
        labels.add(new Label("y"));
        labels.add(new Label("x"));
        criteria.setLabels(labels);
        criteria.setName("spring " + "sale".trim());
        criteria.setTenant(Long.parseLong("42"));
        criteria.setRegion("eu-" + "west");
        return criteria;
    }

    private static Map<String, List<Integer>> filter(boolean reversed) {
        Map<String, List<Integer>> filter = reversed ? new TreeMap<>() : new HashMap<>();
        if (reversed) {
            filter.put("size", List.of(36, 38));
            filter.put("brand", new ArrayList<>(List.of(7)));
        } else {
            filter.put("brand", List.of(7));
            filter.put("size", new LinkedList<>(List.of(36, 38)));
        }
        return filter;
    }
}
