package io.rediscache.it.keys;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
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

/**
 * A logically equal deep copy built differently: new string instances, other list, set and map
 * classes, sets and maps filled in reverse iteration order (variant 1: linked, so that order
 * sticks; variant 2: hash-based with a large capacity), records through their constructors.
 */
final class ArgumentRebuilder {

    private final int variant;

    ArgumentRebuilder(int variant) {
        this.variant = variant;
    }

    Object rebuild(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return new String(text.toCharArray());
        }
        if (value instanceof BigDecimal d) {
            return new BigDecimal(d.unscaledValue(), d.scale());
        }
        if (value instanceof Enum<?> e) {
            return Enum.valueOf(e.getDeclaringClass(), e.name());
        }
        if (value instanceof Optional<?> optional) {
            return Optional.ofNullable(rebuild(optional.orElse(null)));
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            Object copy = Array.newInstance(value.getClass().getComponentType(), length);
            for (int i = 0; i < length; i++) {
                Array.set(copy, i, rebuild(Array.get(value, i)));
            }
            return copy;
        }
        if (value instanceof Set<?> set) {
            List<Object> elements = new ArrayList<>(set);
            Collections.reverse(elements);
            Set<Object> copy = variant == 1 ? new LinkedHashSet<>() : new HashSet<>(1024);
            elements.forEach(element -> copy.add(rebuild(element)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.reverse(entries);
            Map<Object, Object> copy = variant == 1 ? new LinkedHashMap<>() : new HashMap<>(512);
            entries.forEach(entry -> copy.put(rebuild(entry.getKey()), rebuild(entry.getValue())));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            Collection<Object> copy = variant == 1 ? new LinkedList<>() : new ArrayList<>(100);
            list.forEach(element -> copy.add(rebuild(element)));
            return copy;
        }
        if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] arguments = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    arguments[i] = rebuild(components[i].getAccessor().invoke(record));
                }
                Constructor<?> constructor = record.getClass().getDeclaredConstructor(types);
                return constructor.newInstance(arguments);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return value; // boxed numbers, characters and booleans: values without identity that matters
    }
}
