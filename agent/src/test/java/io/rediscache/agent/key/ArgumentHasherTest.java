package io.rediscache.agent.key;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key contract: equal logical arguments give the same key whatever their identity, hash
 * codes or iteration order; anything that differs by {@code equals} gives a different key; and
 * arguments without a value are refused, naming the parameter and its type but never its value.
 *
 * <p>Randomised checks of the same contract live in {@link ArgumentHasherPropertyTest}.
 */
class ArgumentHasherTest {

    private static final String PREFIX = "app|prices|";
    private static final String METHOD = "com.acme.PriceService#getPrice(Ljava/lang/Object;)Ljava/lang/Object;";

    // ---------------------------------------------------------------- shape

    @Test
    void keyIsThePrefixFollowedByThirtyTwoLowercaseHexDigits() throws Exception {
        String key = key("EUR", 42);

        assertTrue(key.startsWith(PREFIX), key);
        assertTrue(key.substring(PREFIX.length()).matches("[0-9a-f]{32}"), key);
        assertEquals(PREFIX.length() + 32, key.length());
    }

    /**
     * Keys are shared by every JVM that talks to the same Redis, across agent releases: a
     * change here means the key format changed and {@code ArgumentHasher.KEY_FORMAT} must be bumped.
     */
    @Test
    void keysOfJdkValuesAreStableAcrossReleases() throws Exception {
        String method = "com.acme.PriceService#getPrice(Ljava/lang/String;I)Ljava/math/BigDecimal;";

        assertEquals("app|prices|5b0f3fff93db5dcc9e11099f6e7b41db",
                ArgumentHasher.key(PREFIX, method, new Object[] {"EUR", 42}, new int[] {0, 1}));
        assertEquals("app|prices|b3ec691f82046fda3bf19f6d1b32c16d",
                ArgumentHasher.key(PREFIX, method, new Object[] {
                    "grüße ☃ 😀 日本語", List.of(1L, 2.5d, true, 'c'), new TreeMap<>(Map.of("k", Set.of("v"))),
                    new BigDecimal("12.50"), LocalDate.of(2024, 2, 29), Optional.empty(), new int[] {1, 2}, null},
                    new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
    }

    @Test
    void anIdentityEncodedBeforehandGivesTheSameKeys() throws Exception {
        String method = "com.acme.PriceService#getPrice(Ljava/lang/String;I)Ljava/math/BigDecimal;";
        byte[] prefix = ArgumentHasher.identityPrefix(method);

        assertEquals("app|prices|5b0f3fff93db5dcc9e11099f6e7b41db",
                ArgumentHasher.key(PREFIX, prefix, new Object[] {"EUR", 42}, new int[] {0, 1}));
        String unusual = "com.acme.Grüße#日本(Ljava/lang/String;)I\u0000user:😀";
        Object[] arguments = {"x", List.of(1, 2)};
        assertEquals(ArgumentHasher.key(PREFIX, unusual, arguments, new int[] {0, 1}),
                ArgumentHasher.key(PREFIX, ArgumentHasher.identityPrefix(unusual), arguments, new int[] {0, 1}));
    }

    @Test
    void sameArgumentsGiveTheSameKeyOnEveryCall() throws Exception {
        assertEquals(key("EUR", 42, List.of("a")), key("EUR", 42, List.of("a")));
    }

    @Test
    void callWithoutKeyParametersStillGetsAKeyPerMethod() throws Exception {
        String first = ArgumentHasher.key(PREFIX, METHOD, new Object[] {"x"}, new int[0]);
        String second = ArgumentHasher.key(PREFIX, METHOD, new Object[] {"y"}, new int[0]);
        String otherMethod = ArgumentHasher.key(PREFIX, METHOD + "2", new Object[0], new int[0]);

        assertEquals(first, second);
        assertNotEquals(first, otherMethod);
    }

    @Test
    void differentMethodIdentitiesGiveDifferentKeys() throws Exception {
        Object[] arguments = {"EUR"};
        int[] all = {0};

        assertNotEquals(
                ArgumentHasher.key(PREFIX, "com.acme.PriceService#getPrice(Ljava/lang/String;)I", arguments, all),
                ArgumentHasher.key(PREFIX, "com.acme.PriceService#getCost(Ljava/lang/String;)I", arguments, all));
    }

    @Test
    void methodIdentityAndArgumentsCannotBeShiftedIntoEachOther() throws Exception {
        // length prefixes keep ("m#a", "bc") apart from ("m#ab", "c")
        assertNotEquals(
                ArgumentHasher.key(PREFIX, "m#a", new Object[] {"bc"}, new int[] {0}),
                ArgumentHasher.key(PREFIX, "m#ab", new Object[] {"c"}, new int[] {0}));
    }

    // ---------------------------------------------------------------- key parameters

    @Test
    void onlyTheListedKeyParametersCount() throws Exception {
        int[] firstAndThird = {0, 2};

        String key = ArgumentHasher.key(PREFIX, METHOD, new Object[] {"EUR", "request-1", 7}, firstAndThird);
        String otherUnlistedArgument = ArgumentHasher.key(PREFIX, METHOD, new Object[] {"EUR", new Object(), 7}, firstAndThird);
        String otherListedArgument = ArgumentHasher.key(PREFIX, METHOD, new Object[] {"EUR", "request-1", 8}, firstAndThird);

        assertEquals(key, otherUnlistedArgument);
        assertNotEquals(key, otherListedArgument);
    }

    @Test
    void unkeyableArgumentOutsideTheKeyParametersIsIgnored() {
        Object[] arguments = {"EUR", Stream.of(1, 2), 7};

        assertDoesNotThrow(() -> ArgumentHasher.key(PREFIX, METHOD, arguments, new int[] {0, 2}));
    }

    @Test
    void orderOfTheKeyParametersMatters() throws Exception {
        Object[] arguments = {"a", "b"};

        assertNotEquals(
                ArgumentHasher.key(PREFIX, METHOD, arguments, new int[] {0, 1}),
                ArgumentHasher.key(PREFIX, METHOD, arguments, new int[] {1, 0}));
    }

    // ---------------------------------------------------------------- equal values, equal keys

    static Stream<Arguments> equalValues() {
        return Stream.of(
                equal("HashMap vs LinkedHashMap in another order",
                        hashMap("a", 1, "b", 2, "c", 3), linkedHashMap("c", 3, "a", 1, "b", 2)),
                equal("HashMap vs TreeMap", hashMap("x", 1, "y", 2), new TreeMap<>(hashMap("y", 2, "x", 1))),
                equal("HashMaps of different capacities and insertion orders",
                        fill(new HashMap<>(2), 100, false), fill(new HashMap<>(1024), 100, true)),
                equal("HashSets of different capacities and insertion orders",
                        fillSet(new HashSet<>(2), 100, false), fillSet(new HashSet<>(512), 100, true)),
                equal("HashSet vs LinkedHashSet in another order", new HashSet<>(List.of("p", "q", "r")),
                        new LinkedHashSet<>(List.of("r", "p", "q"))),
                equal("TreeSet vs Set.of", new TreeSet<>(List.of(3, 1, 2)), Set.of(2, 3, 1)),
                equal("ArrayList vs LinkedList vs List.of", new ArrayList<>(List.of(1, 2, 3)), new LinkedList<>(List.of(1, 2, 3))),
                equal("List.of vs Arrays.asList", List.of("a", "b"), Arrays.asList("a", "b")),
                equal("unmodifiable view vs its content", Collections.unmodifiableMap(hashMap("k", "v")), Map.of("k", "v")),
                equal("boxed Integer from valueOf vs new instance", Integer.valueOf(1000), Integer.parseInt("1000")),
                equal("boxed Long", Long.valueOf(1L << 40), Long.parseLong(String.valueOf(1L << 40))),
                equal("boxed Double", 1.5d, Double.valueOf("1.5")),
                equal("NaN equals NaN", Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L)),
                equal("float NaN equals float NaN", Float.NaN, Float.intBitsToFloat(0x7fc00001)),
                equal("equal strings, different instances", "grüße ☃ 😀", new String("grüße ☃ 😀".toCharArray())),
                equal("null", null, null),
                equal("Object[] by content", new Object[] {"a", 1, null}, new Object[] {"a", 1, null}),
                equal("int[] by content", new int[] {1, 2, 3}, new int[] {1, 2, 3}),
                equal("byte[] by content", new byte[] {1, -2, 3}, new byte[] {1, -2, 3}),
                equal("double[] by content", new double[] {Double.NaN, -0.0}, new double[] {Double.NaN, -0.0}),
                equal("char[] by content", "abc".toCharArray(), new char[] {'a', 'b', 'c'}),
                equal("int[][] by content", new int[][] {{1}, {2, 3}}, new int[][] {{1}, {2, 3}}),
                equal("enum constant", Currency.EUR, Currency.valueOf("EUR")),
                equal("enum constant with a body", Operation.PLUS, Operation.valueOf("PLUS")),
                equal("JDK enum", TimeUnit.SECONDS, TimeUnit.valueOf("SECONDS")),
                equal("record", new Point(1, 2), new Point(1, 2)),
                equal("nested record", new Line(new Point(0, 0), new Point(3, 4)), new Line(new Point(0, 0), new Point(3, 4))),
                equal("record with a collection", new Basket("bob", List.of("apple")), new Basket("bob", new ArrayList<>(List.of("apple")))),
                equal("POJO without a no-arg constructor", new Money("EUR", 1999), new Money("EUR", 1999)),
                equal("POJO with a no-arg constructor", bean("ada", 36), bean("ada", 36)),
                equal("POJO with inheritance", new Employee(7, "ada", "R&D"), new Employee(7, "ada", "R&D")),
                equal("POJO ignores transient and static fields", new Session("u1", "cache-a"), new Session("u1", "cache-b")),
                equal("nested collections", Map.of("k", List.of(Set.of(1, 2), Map.of("x", List.of()))),
                        linkedHashMap("k", new ArrayList<>(List.of(new TreeSet<>(List.of(2, 1)), hashMap("x", new LinkedList<>()))))),
                equal("Optional.of", Optional.of("x"), Optional.of(new String("x"))),
                equal("Optional.empty", Optional.empty(), Optional.ofNullable(null)),
                equal("BigDecimal", new BigDecimal("12.50"), new BigDecimal("1250").movePointLeft(2)),
                equal("BigInteger", new BigInteger("123456789012345678901234567890"),
                        BigInteger.TEN.pow(29).multiply(BigInteger.ONE).add(new BigInteger("23456789012345678901234567890"))),
                equal("LocalDate", LocalDate.of(2024, 2, 29), LocalDate.parse("2024-02-29")),
                equal("LocalDateTime", LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalDateTime.parse("2024-01-02T03:04:05")),
                equal("Instant", Instant.ofEpochSecond(1_700_000_000L), Instant.parse("2023-11-14T22:13:20Z")),
                equal("Duration", Duration.ofMinutes(90), Duration.parse("PT1H30M")),
                equal("ZonedDateTime", ZonedDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        ZonedDateTime.parse("2024-06-01T12:00+02:00[Europe/Paris]")),
                equal("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        new UUID(0x123e4567e89b12d3L, 0xa456426614174000L)),
                equal("Class", String.class, "".getClass()),
                equal("same object twice is not a cycle", sharedTwice(), sharedTwice()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equalValues")
    void equalValuesGiveTheSameKey(Object first, Object second) throws Exception {
        assertEquals(keyOf(first), keyOf(second));
    }

    // ---------------------------------------------------------------- different values, different keys

    static Stream<Arguments> differentValues() {
        return Stream.of(
                different("Integer 1 vs Long 1", 1, 1L),
                different("Integer 1 vs String \"1\"", 1, "1"),
                different("Long 1 vs String \"1\"", 1L, "1"),
                different("Integer 1 vs Short 1", 1, (short) 1),
                different("Integer 1 vs Byte 1", 1, (byte) 1),
                different("Integer 65 vs Character 'A'", 65, 'A'),
                different("Double 1.0 vs Float 1.0", 1.0d, 1.0f),
                different("Double 1.0 vs Integer 1", 1.0d, 1),
                different("0.0 vs -0.0", 0.0d, -0.0d),
                different("0.0f vs -0.0f", 0.0f, -0.0f),
                different("true vs \"true\"", true, "true"),
                different("null vs \"null\"", null, "null"),
                different("null vs empty string", null, ""),
                different("null vs Optional.empty", null, Optional.empty()),
                different("Optional.of(x) vs x", Optional.of("x"), "x"),
                different("[a, b] vs [b, a]", List.of("a", "b"), List.of("b", "a")),
                different("list vs set with the same element", List.of("a"), Set.of("a")),
                different("[[a], b] vs [a, [b]]", List.of(List.of("a"), "b"), List.of("a", List.of("b"))),
                different("map {a=b} vs {b=a}", Map.of("a", "b"), Map.of("b", "a")),
                different("map {a=1} vs {a=2}", Map.of("a", 1), Map.of("a", 2)),
                different("different enum constants", Currency.EUR, Currency.USD),
                different("same constant name, different enum", Currency.EUR, OtherCurrency.EUR),
                different("enum constant vs its name", Currency.EUR, "EUR"),
                different("int[] vs long[] with the same values", new int[] {1}, new long[] {1}),
                different("int[] vs Object[] with the same values", new int[] {1}, new Object[] {1}),
                different("arrays with different content", new int[] {1, 2}, new int[] {2, 1}),
                different("BigDecimal 1.0 vs 1.00 (not equal by equals)", new BigDecimal("1.0"), new BigDecimal("1.00")),
                different("BigInteger vs Long", BigInteger.ONE, 1L),
                different("different records", new Point(1, 2), new Point(2, 1)),
                different("records of different types, same fields", new Point(1, 2), new OtherPoint(1, 2)),
                different("POJOs with a different field", new Money("EUR", 1), new Money("USD", 1)),
                different("POJOs differing in an inherited field", new Employee(7, "ada", "R&D"), new Employee(8, "ada", "R&D")),
                different("LocalDate vs its ISO text", LocalDate.of(2024, 1, 1), "2024-01-01"),
                different("same instant, different zone", ZonedDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        ZonedDateTime.of(2024, 6, 1, 10, 0, 0, 0, ZoneId.of("UTC"))),
                different("different UUIDs", new UUID(1, 2), new UUID(2, 1)),
                different("empty list vs empty set", List.of(), Set.of()),
                different("empty set vs empty map", Set.of(), Map.of()),
                different("Class vs its name", String.class, "java.lang.String"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentValues")
    void differentValuesGiveDifferentKeys(Object first, Object second) throws Exception {
        assertNotEquals(keyOf(first), keyOf(second));
    }

    @Test
    void splittingAStringAcrossParametersGivesADifferentKey() throws Exception {
        assertNotEquals(key("ab", "c"), key("a", "bc"));
    }

    @Test
    void stringsDifferingOnlyInUnpairedSurrogatesGiveDifferentKeys() throws Exception {
        // UTF-8 has no form for an unpaired surrogate; String.getBytes would turn each into '?'
        String highAlone = "price-\uD800";
        String lowAlone = "price-\uDC00";
        String questionMark = "price-?";

        assertAll(
                () -> assertNotEquals(keyOf(highAlone), keyOf(questionMark)),
                () -> assertNotEquals(keyOf(lowAlone), keyOf(questionMark)),
                () -> assertNotEquals(keyOf(highAlone), keyOf(lowAlone)),
                () -> assertNotEquals(keyOf("\uDC00\uD800"), keyOf("\uD800\uDC00")));
    }

    // ---------------------------------------------------------------- unkeyable arguments

    static Stream<Arguments> unkeyableValues() {
        List<Object> listContainingItself = new ArrayList<>();
        listContainingItself.add("head");
        listContainingItself.add(listContainingItself);

        Map<String, Object> mapContainingItself = new HashMap<>();
        mapContainingItself.put("self", mapContainingItself);

        Object[] arrayContainingItself = new Object[1];
        arrayContainingItself[0] = arrayContainingItself;

        Node first = new Node("first");
        Node second = new Node("second");
        first.next = second;
        second.next = first;

        Supplier<String> lambda = () -> "secret";
        Thread thread = new Thread(() -> { }, "thread-named-secret");

        return Stream.of(
                unkeyable("a Stream", Stream.of("secret"), "Pipeline"),
                unkeyable("a lambda", lambda, "Lambda"),
                unkeyable("a method reference", (Supplier<String>) "secret"::trim, "Lambda"),
                unkeyable("an InputStream", new ByteArrayInputStream("secret".getBytes()), ByteArrayInputStream.class.getName()),
                unkeyable("an InputStream with a revealing toString", new RevealingInputStream(), RevealingInputStream.class.getName()),
                unkeyable("an Iterator", new ArrayList<>(List.of("secret")).iterator(), "java.util.ArrayList$Itr"),
                unkeyable("a Thread", thread, Thread.class.getName()),
                unkeyable("a ClassLoader", new java.net.URLClassLoader(new java.net.URL[0]), "java.net.URLClassLoader"),
                unkeyable("a JDK object without value semantics", new StringBuilder("secret"), StringBuilder.class.getName()),
                unkeyable("a list containing itself", listContainingItself, "java.util.ArrayList"),
                unkeyable("a map containing itself", mapContainingItself, "java.util.HashMap"),
                unkeyable("an array containing itself", arrayContainingItself, "array"),
                unkeyable("objects pointing at each other", first, Node.class.getName()),
                unkeyable("a POJO holding a stream", new Holder(Stream.of("secret")), "Pipeline"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unkeyableValues")
    void unkeyableArgumentIsRefusedNamingItsParameter(Object unkeyable, String typeInMessage) {
        Object[] arguments = {"ok", 1, unkeyable};

        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class,
                () -> ArgumentHasher.key(PREFIX, METHOD, arguments, new int[] {0, 1, 2}));

        assertEquals(2, refused.parameter());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unkeyableValues")
    void unkeyableArgumentMessageNamesItsType(Object unkeyable, String typeInMessage) {
        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class, () -> keyOf(unkeyable));

        assertTrue(refused.getMessage().contains(typeInMessage), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unkeyableValues")
    void unkeyableArgumentMessageNeverContainsItsValue(Object unkeyable, String typeInMessage) {
        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class, () -> keyOf(unkeyable));

        String message = refused.getMessage();
        assertAll(
                () -> assertFalse(message.contains("secret"), message),
                () -> assertFalse(message.contains(String.valueOf(unkeyable)), message));
    }

    @Test
    void cycleIsReportedAsACycle() {
        List<Object> listContainingItself = new ArrayList<>();
        listContainingItself.add(listContainingItself);

        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class, () -> keyOf(listContainingItself));

        assertTrue(refused.getMessage().contains("cycle"), refused.getMessage());
    }

    @Test
    void firstUnkeyableParameterIsTheOneReported() {
        Object[] arguments = {Stream.empty(), "ok", List.of().iterator()};

        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class,
                () -> ArgumentHasher.key(PREFIX, METHOD, arguments, new int[] {1, 2, 0}));

        assertEquals(2, refused.parameter());
    }

    @Test
    void hasherStillWorksAfterARefusal() throws Exception {
        String before = key("EUR", List.of(1, 2));
        Node first = new Node("first");
        first.next = first;
        assertThrows(UnkeyableParameterException.class, () -> keyOf(List.of("a", Map.of("b", first))));

        assertEquals(before, key("EUR", List.of(1, 2)));
    }

    // ---------------------------------------------------------------- depth

    @Test
    void nestingUpToTheMaximumDepthIsKeyed() {
        assertDoesNotThrow(() -> keyOf(nestedLists(CanonicalEncoder.MAX_DEPTH)));
    }

    @Test
    void nestingBeyondTheMaximumDepthIsRefused() {
        UnkeyableParameterException refused = assertThrows(UnkeyableParameterException.class,
                () -> keyOf(nestedLists(CanonicalEncoder.MAX_DEPTH + 1)));

        assertTrue(refused.getMessage().contains("deeper"), refused.getMessage());
    }

    @Test
    void longObjectChainIsRefusedNotOverflowingTheStack() {
        Node head = new Node("0");
        Node tail = head;
        for (int i = 1; i < 10_000; i++) {
            tail.next = new Node(String.valueOf(i));
            tail = tail.next;
        }
        Node chain = head;

        assertThrows(UnkeyableParameterException.class, () -> keyOf(chain));
    }

    @Test
    void sameObjectSharedBetweenParametersIsNotACycle() throws Exception {
        List<String> shared = List.of("x");

        assertEquals(key(shared, shared), key(List.of("x"), List.of("x")));
    }

    // ---------------------------------------------------------------- helpers

    private static String key(Object... arguments) throws UnkeyableParameterException {
        int[] all = new int[arguments.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return ArgumentHasher.key(PREFIX, METHOD, arguments, all);
    }

    /** One argument, even when it is an array (which {@link #key(Object...)} would spread). */
    private static String keyOf(Object argument) throws UnkeyableParameterException {
        return ArgumentHasher.key(PREFIX, METHOD, new Object[] {argument}, new int[] {0});
    }

    private static Arguments equal(String name, Object first, Object second) {
        return Arguments.of(Named.of(name, first), second);
    }

    private static Arguments different(String name, Object first, Object second) {
        return Arguments.of(Named.of(name, first), second);
    }

    private static Arguments unkeyable(String name, Object value, String typeInMessage) {
        return Arguments.of(Named.of(name, value), typeInMessage);
    }

    private static Map<Object, Object> hashMap(Object... keysAndValues) {
        return putAll(new HashMap<>(), keysAndValues);
    }

    private static Map<Object, Object> linkedHashMap(Object... keysAndValues) {
        return putAll(new LinkedHashMap<>(), keysAndValues);
    }

    private static Map<Object, Object> putAll(Map<Object, Object> map, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Integer> fill(Map<String, Integer> map, int entries, boolean descending) {
        for (int i = 0; i < entries; i++) {
            int n = descending ? entries - 1 - i : i;
            map.put("key-" + n, n);
        }
        return map;
    }

    private static Set<String> fillSet(Set<String> set, int elements, boolean descending) {
        for (int i = 0; i < elements; i++) {
            set.add("element-" + (descending ? elements - 1 - i : i));
        }
        return set;
    }

    private static Bean bean(String name, int age) {
        Bean bean = new Bean();
        bean.setName(name);
        bean.setAge(age);
        return bean;
    }

    private static List<Object> sharedTwice() {
        Point shared = new Point(5, 5);
        return List.of(shared, shared);
    }

    /** {@code levels} lists, each holding the next; the innermost holds a string. */
    private static Object nestedLists(int levels) {
        Object value = "leaf";
        for (int i = 0; i < levels; i++) {
            value = List.of(value);
        }
        return value;
    }

    enum Currency { EUR, USD }

    enum OtherCurrency { EUR }

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

    record OtherPoint(int x, int y) { }

    record Line(Point from, Point to) { }

    record Basket(String owner, List<String> items) { }

    static final class Money {
        private final String currency;
        private final long cents;

        Money(String currency, long cents) {
            this.currency = currency;
            this.cents = cents;
        }
    }

    static final class Bean {
        private String name;
        private int age;

        public Bean() {
        }

        void setName(String name) {
            this.name = name;
        }

        void setAge(int age) {
            this.age = age;
        }
    }

    static class Person {
        private final int id;
        private final String name;

        Person(int id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final class Employee extends Person {
        private final String department;

        Employee(int id, String name, String department) {
            super(id, name);
            this.department = department;
        }
    }

    static final class Session {
        static int created;
        private final String user;
        private final transient String cacheOfSomething;

        Session(String user, String cacheOfSomething) {
            this.user = user;
            this.cacheOfSomething = cacheOfSomething;
            created++;
        }
    }

    static final class Node {
        private final String name;
        private Node next;

        Node(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Node " + name + " secret";
        }
    }

    static final class Holder {
        private final Object content;

        Holder(Object content) {
            this.content = content;
        }
    }

    static final class RevealingInputStream extends InputStream {
        @Override
        public int read() {
            return -1;
        }

        @Override
        public String toString() {
            return "secret content of the stream";
        }
    }
}
