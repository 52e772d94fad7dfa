package io.rediscache.agent.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Randomised check of the key contract over generated argument tuples: two tuples get the
 * same key exactly when they are equal by {@code equals}. The generator draws from small
 * domains on purpose, so equal tuples occur by chance as well as by construction (a deep copy
 * with other collection classes and other insertion orders).
 */
class ArgumentHasherPropertyTest {

    private static final long SEED = 0x5EED_CAFEL;
    private static final int TUPLES = 2000;
    private static final String PREFIX = "app|prop|";
    private static final String METHOD = "com.acme.Catalog#find([Ljava/lang/Object;)Ljava/lang/Object;";

    private static final String[] SAMPLE_TEXT = {
        "", "a", "A", "1", "null", "é", "e\u0301", "grüße", "日本語", "😀", "𝄞", "\u0000", " ", "a b", "Ω", "\uD800", "\uDFFF", "?",
    };
    private static final double[] SAMPLE_DOUBLES = {
        0.0, -0.0, Double.NaN, 1.0, -1.0, 0.1, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
    };

    private final Random random = new Random(SEED);

    @Test
    void keysAreEqualExactlyWhenTheTuplesAreEqual() throws Exception {
        Map<List<Object>, String> keyOfTuple = new HashMap<>();
        Map<String, List<Object>> tupleOfKey = new HashMap<>();
        int equalTuplesSeen = 0;

        for (int i = 0; i < TUPLES; i++) {
            List<Object> tuple = i % 5 == 4 ? reshaped(pickOneOf(keyOfTuple)) : tuple();
            String key = key(tuple);

            String keyOfEqualTuple = keyOfTuple.putIfAbsent(tuple, key);
            if (keyOfEqualTuple != null) {
                equalTuplesSeen++;
                assertEquals(keyOfEqualTuple, key, () -> "equal tuples, different keys: " + describe(tuple));
            }
            List<Object> tupleWithSameKey = tupleOfKey.putIfAbsent(key, tuple);
            if (tupleWithSameKey != null && !tupleWithSameKey.equals(tuple)) {
                fail("distinct tuples share key " + key + ": " + describe(tupleWithSameKey) + " and " + describe(tuple));
            }
        }

        assertEquals(keyOfTuple.size(), tupleOfKey.size(), "one key per distinct tuple");
        assertTrue(keyOfTuple.size() > TUPLES / 2, "the generator must produce mostly distinct tuples: " + keyOfTuple.size());
        assertTrue(equalTuplesSeen > TUPLES / 10, "the generator must produce equal tuples too: " + equalTuplesSeen);
    }

    private static String key(List<Object> tuple) throws UnkeyableParameterException {
        int[] all = new int[tuple.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return ArgumentHasher.key(PREFIX, METHOD, tuple.toArray(), all);
    }

    private List<Object> tuple() {
        int arity = 1 + random.nextInt(3);
        List<Object> tuple = new ArrayList<>(arity);
        for (int i = 0; i < arity; i++) {
            tuple.add(value(0));
        }
        return tuple;
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth < 3 ? 10 : 8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextInt(7) - 3;
            case 2:
                return (long) (random.nextInt(7) - 3);
            case 3:
                return SAMPLE_DOUBLES[random.nextInt(SAMPLE_DOUBLES.length)];
            case 4:
                return random.nextBoolean();
            case 5:
                return SAMPLE_TEXT[random.nextInt(SAMPLE_TEXT.length)];
            case 6:
            case 7:
                return randomText();
            case 8:
                return list(depth);
            default:
                return map(depth);
        }
    }

    /** Short strings from ASCII, Latin-1, CJK, supplementary characters and lone surrogates. */
    private String randomText() {
        int length = random.nextInt(4);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    text.append((char) ('a' + random.nextInt(3)));
                    break;
                case 1:
                    text.append((char) (0xC0 + random.nextInt(3)));
                    break;
                case 2:
                    text.append((char) (0x4E00 + random.nextInt(3)));
                    break;
                case 3:
                    text.appendCodePoint(0x1F600 + random.nextInt(3));
                    break;
                default:
                    text.append((char) (0xD800 + random.nextInt(2) * 0x400 + random.nextInt(2)));
            }
        }
        return text.toString();
    }

    private List<Object> list(int depth) {
        int size = random.nextInt(4);
        List<Object> list = random.nextBoolean() ? new ArrayList<>() : new LinkedList<>();
        for (int i = 0; i < size; i++) {
            list.add(value(depth + 1));
        }
        return list;
    }

    private Map<String, Object> map(int depth) {
        int size = random.nextInt(4);
        Map<String, Object> map = random.nextBoolean() ? new HashMap<>() : new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(randomText(), value(depth + 1));
        }
        return map;
    }

    private List<Object> pickOneOf(Map<List<Object>, String> seen) {
        if (seen.isEmpty()) {
            return tuple();
        }
        int index = random.nextInt(seen.size());
        for (List<Object> tuple : seen.keySet()) {
            if (index-- == 0) {
                return tuple;
            }
        }
        throw new AssertionError();
    }

    /** An equal deep copy built from other collection classes, filled in another order. */
    @SuppressWarnings("unchecked")
    private Object reshapedValue(Object value) {
        if (value instanceof List) {
            List<Object> copy = value instanceof ArrayList ? new LinkedList<>() : new ArrayList<>();
            for (Object element : (List<Object>) value) {
                copy.add(reshapedValue(element));
            }
            return copy;
        }
        if (value instanceof Map) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(((Map<String, Object>) value).entrySet());
            Collections.shuffle(entries, random);
            Map<String, Object> copy = value instanceof TreeMap ? new LinkedHashMap<>() : new TreeMap<>();
            for (Map.Entry<String, Object> entry : entries) {
                copy.put(new String(entry.getKey().toCharArray()), reshapedValue(entry.getValue()));
            }
            return copy;
        }
        if (value instanceof String) {
            return new String(((String) value).toCharArray());
        }
        return value;
    }

    private List<Object> reshaped(List<Object> tuple) {
        List<Object> copy = new ArrayList<>(tuple.size());
        for (Object element : tuple) {
            copy.add(reshapedValue(element));
        }
        return copy;
    }

    private static String describe(List<Object> tuple) {
        StringBuilder text = new StringBuilder();
        for (Object element : tuple) {
            text.append(text.length() == 0 ? "(" : ", ").append(describeValue(element));
        }
        return text.append(')').toString();
    }

    private static String describeValue(Object value) {
        if (value instanceof String) {
            StringBuilder escaped = new StringBuilder("\"");
            for (char c : ((String) value).toCharArray()) {
                escaped.append(c < 0x80 && c >= 0x20 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
            }
            return escaped.append('"').toString();
        }
        if (value instanceof List) {
            StringBuilder text = new StringBuilder("[");
            for (Object element : (List<?>) value) {
                text.append(text.length() == 1 ? "" : ", ").append(describeValue(element));
            }
            return text.append(']').toString();
        }
        if (value instanceof Map) {
            StringBuilder text = new StringBuilder("{");
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                text.append(text.length() == 1 ? "" : ", ")
                        .append(describeValue(entry.getKey())).append('=').append(describeValue(entry.getValue()));
            }
            return text.append('}').toString();
        }
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
