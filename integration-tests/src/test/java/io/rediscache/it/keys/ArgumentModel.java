package io.rediscache.it.keys;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The key semantics the README documents, written down independently of the agent as a
 * description string: two arguments must share a key exactly when their descriptions are
 * equal. Numbers by type and value (the bits of a double, so -0.0 differs from 0.0 and every
 * NaN is the one NaN, as {@code Double.equals} says), strings by their UTF-16 code units,
 * enums by class and name, lists and arrays in order (arrays of references alike whatever
 * their component type, as {@code Arrays.deepEquals}; primitive arrays by component type),
 * sets and maps as the sorted descriptions of their elements or entries, records by class and
 * components, {@code BigDecimal} by unscaled value and scale (as {@code equals}: 1.0 differs
 * from 1.00). Every part is length-prefixed, so the description is unambiguous.
 *
 * <p>{@link #inIterationOrder} is the same walk with sets and maps left in iteration order:
 * it shows that the JVMs really iterated differently.
 */
final class ArgumentModel {

    private final boolean sorted;

    private ArgumentModel(boolean sorted) {
        this.sorted = sorted;
    }

    static String describe(Object value) {
        return new ArgumentModel(true).of(value);
    }

    static String inIterationOrder(Object value) {
        return new ArgumentModel(false).of(value);
    }

    private String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            StringBuilder units = new StringBuilder("S");
            text.chars().forEach(unit -> units.append(Integer.toHexString(unit)).append('.'));
            return units.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Boolean || value instanceof BigInteger) {
            return value.getClass().getSimpleName() + value;
        }
        if (value instanceof Character c) {
            return "Char" + (int) c;
        }
        if (value instanceof Double d) {
            return "Double" + Double.doubleToLongBits(d);
        }
        if (value instanceof Float f) {
            return "Float" + Float.floatToIntBits(f);
        }
        if (value instanceof BigDecimal d) {
            return "BigDecimal" + d.unscaledValue() + "e" + d.scale();
        }
        if (value instanceof Enum<?> e) {
            return "Enum" + e.getDeclaringClass().getName() + "." + e.name();
        }
        if (value instanceof Optional<?> optional) {
            return group("Optional", List.of(of(optional.orElse(null))));
        }
        if (value.getClass().isArray()) {
            Class<?> component = value.getClass().getComponentType();
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(of(Array.get(value, i)));
            }
            return group("Array:" + (component.isPrimitive() ? component.getName() : "object"), elements);
        }
        if (value instanceof Set<?> set) {
            List<String> elements = new ArrayList<>();
            set.forEach(element -> elements.add(of(element)));
            return group("Set", sortedIfCanonical(elements));
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(group("Entry", List.of(of(k), of(v)))));
            return group("Map", sortedIfCanonical(entries));
        }
        if (value instanceof Collection<?> list) {
            List<String> elements = new ArrayList<>();
            list.forEach(element -> elements.add(of(element)));
            return group("List", elements);
        }
        if (value instanceof Record record) {
            List<String> components = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    components.add(component.getName() + "=" + of(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return group("Record:" + record.getClass().getName(), components);
        }
        throw new IllegalArgumentException("no model for a " + value.getClass());
    }

    private List<String> sortedIfCanonical(List<String> parts) {
        if (sorted) {
            parts.sort(null);
        }
        return parts;
    }

    private static String group(String kind, List<String> parts) {
        StringBuilder text = new StringBuilder(kind).append('(').append(parts.size()).append(')');
        for (String part : parts) {
            text.append('[').append(part.length()).append(':').append(part).append(']');
        }
        return text.toString();
    }
}
