package io.rediscache.it.keys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.rediscache.it.keys.KeyValues.Color;
import io.rediscache.it.keys.KeyValues.Shape;
import io.rediscache.it.keys.KeyValues.TrafficLight;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;

/**
 * jqwik generators for key arguments, driven by a seeded {@link Random} so that every JVM
 * generates the same tuples: numbers of every boxed type with their edge cases (NaN, a second
 * NaN bit pattern, -0.0 and 0.0, infinities, MIN/MAX), strings of any UTF-16 (unpaired
 * surrogates included) and hand-picked look-alikes (composed and decomposed "é", "ß" and "SS",
 * surrogate pairs), enums (two sharing constant names, one with constant bodies), null,
 * records, lists, {@code HashSet}s and {@code HashMap}s (jqwik's own sets and maps keep
 * generation order; copied into hash-based ones, their iteration order follows identity hash
 * codes when they hold enums or records), primitive, object and nested arrays, and {@code Optional},
 * nested up to three levels. Small value ranges make equal tuples recur, so equality is
 * exercised as much as distinctness.
 */
final class GeneratedArguments {

    /** A record whose hash code follows its enum's identity hash code. */
    public record Tagged(String name, Color color, Set<Color> colors, List<Object> payload) {
    }

    public record Point(int x, double y) {
    }

    public record Pair(Object left, Object right) {
    }

    private GeneratedArguments() {
    }

    /** {@code count} argument pairs from {@code seed}: the same in every JVM. */
    static List<Object[]> tuples(long seed, int count) {
        JqwikSession.start();
        try {
            RandomGenerator<Object> first = value(3).generator(1000, true);
            RandomGenerator<Object> second = value(2).generator(1000, true);
            Random random = new Random(seed);
            List<Object[]> tuples = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tuples.add(new Object[] {first.next(random).value(), second.next(random).value()});
            }
            return tuples;
        } finally {
            JqwikSession.finish();
        }
    }

    static Arbitrary<Object> value(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Object> inner = value(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf()),
                Tuple.of(2, inner.list().ofMaxSize(4).asGeneric()),
                Tuple.of(2, hashable().set().ofMaxSize(4).map(HashSet::new).asGeneric()),
                Tuple.of(2, Arbitraries.maps(hashable(), inner).ofMaxSize(4).map(HashMap::new).asGeneric()),
                Tuple.of(1, Arbitraries.of(Color.class).set().map(HashSet::new).asGeneric()),
                Tuple.of(1, Arbitraries.maps(Arbitraries.of(Color.class), inner).map(HashMap::new).asGeneric()),
                Tuple.of(2, inner.array(Object[].class).ofMaxSize(3).asGeneric()),
                Tuple.of(2, primitiveArrays()),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'b').ofMaxLength(2).array(String[].class).ofMaxSize(3).asGeneric()),
                Tuple.of(1, Arbitraries.integers().between(0, 2).array(int[].class).ofMaxSize(2).array(int[][].class).ofMaxSize(2).asGeneric()),
                Tuple.of(2, Combinators.combine(inner, inner).as(Pair::new).asGeneric()),
                Tuple.of(1, tagged(inner)),
                Tuple.of(1, inner.optional(0.8).asGeneric()));
    }

    /** Values with value-based equals, for set elements and map keys. */
    private static Arbitrary<Object> hashable() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf()),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(-1, 1), Arbitraries.of(Double.NaN, -0.0, 0.0, 0.5))
                        .as(Point::new).asGeneric()),
                Tuple.of(1, tagged(leaf())),
                Tuple.of(1, leaf().list().ofMaxSize(2).asGeneric()));
    }

    private static Arbitrary<Object> tagged(Arbitrary<Object> payload) {
        return Combinators.combine(Arbitraries.of("a", "b"), Arbitraries.of(Color.class), Arbitraries.of(Color.class).set().map(HashSet::new),
                payload.list().ofMaxSize(2)).as(Tagged::new).asGeneric();
    }

    static Arbitrary<Object> leaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.integers().between(-2, 2).asGeneric()),
                Tuple.of(1, Arbitraries.integers().asGeneric()),
                Tuple.of(2, Arbitraries.longs().between(-2, 2).asGeneric()),
                Tuple.of(1, Arbitraries.shorts().between((short) -1, (short) 1).asGeneric()),
                Tuple.of(1, Arbitraries.bytes().between((byte) -1, (byte) 1).asGeneric()),
                Tuple.of(1, Arbitraries.chars().all().asGeneric()),
                Tuple.of(1, Arbitraries.of(true, false).asGeneric()),
                Tuple.of(3, doubles()),
                Tuple.of(1, Arbitraries.of(Float.NaN, -0.0f, 0.0f, 1.0f).asGeneric()),
                Tuple.of(3, strings()),
                Tuple.of(2, Arbitraries.of(Color.class).asGeneric()),
                Tuple.of(1, Arbitraries.of(TrafficLight.class).asGeneric()),
                Tuple.of(1, Arbitraries.of(Shape.class).asGeneric()),
                Tuple.of(1, Arbitraries.of(new BigDecimal("1.0"), new BigDecimal("1.00"), BigDecimal.ONE, BigInteger.ONE,
                        BigInteger.TWO.pow(70)).asGeneric()));
    }

    private static Arbitrary<Object> doubles() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), -0.0, 0.0, 1.0, -1.0,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE).asGeneric()),
                Tuple.of(1, Arbitraries.doubles().asGeneric()));
    }

    private static Arbitrary<Object> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("", "a", "b", "ab", "ba", "é", "e\u0301", "ß", "SS", "ss", "İ", "😀", "\uD83D", "\uDE00",
                        "\uDE00\uD83D", "?", "\u0000", "a\u0000", "1", "null").asGeneric()),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(6).asGeneric()),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'b').ofMaxLength(3).asGeneric()));
    }

    private static Arbitrary<Object> primitiveArrays() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 2).array(int[].class).ofMaxSize(3).asGeneric(),
                Arbitraries.longs().between(0, 2).array(long[].class).ofMaxSize(3).asGeneric(),
                Arbitraries.of(Double.NaN, -0.0, 0.0).array(double[].class).ofMaxSize(2).asGeneric(),
                Arbitraries.bytes().between((byte) 0, (byte) 2).array(byte[].class).ofMaxSize(3).asGeneric(),
                Arbitraries.chars().with('a', '\uD83D', '\uDE00').array(char[].class).ofMaxSize(2).asGeneric(),
                Arbitraries.of(true, false).array(boolean[].class).ofMaxSize(2).asGeneric(),
                Arbitraries.integers().between(0, 2).array(Integer[].class).ofMaxSize(3).asGeneric());
    }
}
