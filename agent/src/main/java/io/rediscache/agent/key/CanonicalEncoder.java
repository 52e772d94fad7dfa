package io.rediscache.agent.key;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an argument as canonical bytes: equal logical values give equal bytes in every JVM,
 * whatever their identity, hash codes or iteration order.
 *
 * <p>Every value starts with a one-byte tag for its kind, so {@code 1} (int), {@code 1L} and
 * {@code "1"} differ. Strings are UTF-8 with a length; numbers are written by value with their
 * type; enums by class and constant name (never ordinal); lists and arrays in order; sets and
 * maps as the sorted list of their elements' (or entries') own encodings, so two
 * {@code HashSet}s with different iteration orders encode the same; JDK value types
 * ({@code java.time}, {@code UUID}, {@code BigDecimal}, …) by their specified canonical text;
 * records and plain objects as their class name followed by their instance fields, class by
 * class from the top of the hierarchy and sorted by name within a class (sorting makes the
 * order independent of what {@code getDeclaredFields} happens to return).
 *
 * <p>Refused, with {@link UnkeyableArgumentException}: anything {@link AutoCloseable} (streams,
 * connections), iterators, lambdas and proxies, other JDK classes with no value semantics,
 * cycles, and graphs deeper than {@value #MAX_DEPTH}. {@code hashCode()}, {@code toString()}
 * of application classes and identity are never used.
 *
 * <p>Not thread-safe; {@link ArgumentHasher} keeps one per thread.
 */
final class CanonicalEncoder {

    static final int MAX_DEPTH = 32;
    /** Chars of a text written per check of the buffer's room. */
    static final int TEXT_CHUNK = 1024;

    private static final Comparator<byte[]> UNSIGNED_ORDER = new Comparator<byte[]>() {
        @Override
        public int compare(byte[] a, byte[] b) {
            int common = Math.min(a.length, b.length);
            for (int i = 0; i < common; i++) {
                int difference = (a[i] & 0xff) - (b[i] & 0xff);
                if (difference != 0) {
                    return difference;
                }
            }
            return a.length - b.length;
        }
    };

    private static final ClassValue<Field[]> INSTANCE_FIELDS = new ClassValue<Field[]>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            return instanceFieldsOf(type);
        }
    };

    private byte[] buffer = new byte[256];
    private int size;
    private final IdentityHashMap<Object, Boolean> inProgress = new IdentityHashMap<>();

    void reset() {
        size = 0;
        if (!inProgress.isEmpty()) { // only after a failed encode; clear() costs ~30 ns even on an empty map
            inProgress.clear();
        }
    }

    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    /** Appends bytes encoded before (by another encoder, with the same methods). */
    void writeRaw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buffer, size, encoded.length);
        size += encoded.length;
    }

    void writeValue(Object value) throws UnkeyableArgumentException {
        write(value, 0);
    }

    /**
     * UTF-8 with a length. An unpaired surrogate, which UTF-8 cannot represent (and which
     * {@code String.getBytes} would turn into {@code '?'}, making U+D800 and "?" the same key),
     * is written as its own three-byte sequence (generalised UTF-8, "WTF-8"): distinct strings
     * never encode alike, and a well-formed string gives exactly its UTF-8 bytes.
     */
    void writeText(String text) {
        int length = text.length();
        ensure(4);
        int lengthAt = size;
        size += 4;
        for (int i = 0; i < length; ) {
            // room for a chunk's worst case at once (3 bytes a char, and one more for a surrogate
            // pair across the chunk's end) rather than a check per char, which was a third of a key's cost
            int end = Math.min(length, i + TEXT_CHUNK);
            ensure(3 * (end - i) + 1);
            byte[] out = buffer;
            int at = size;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    out[at++] = (byte) c;
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xc0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    out[at++] = (byte) (0xf0 | codePoint >> 18);
                    out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                    out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                    out[at++] = (byte) (0x80 | codePoint & 0x3f);
                } else {
                    out[at++] = (byte) (0xe0 | c >> 12);
                    out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                    out[at++] = (byte) (0x80 | c & 0x3f);
                }
            }
            size = at;
        }
        int bytes = size - lengthAt - 4;
        buffer[lengthAt] = (byte) (bytes >>> 24);
        buffer[lengthAt + 1] = (byte) (bytes >>> 16);
        buffer[lengthAt + 2] = (byte) (bytes >>> 8);
        buffer[lengthAt + 3] = (byte) bytes;
    }

    private void write(Object value, int depth) throws UnkeyableArgumentException {
        if (depth > MAX_DEPTH) {
            throw new UnkeyableArgumentException("it nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null) {
            tag(Tag.NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            tag(Tag.STRING);
            writeText((String) value);
        } else if (type == Integer.class) {
            tag(Tag.INT);
            writeInt((Integer) value);
        } else if (type == Long.class) {
            tag(Tag.LONG);
            writeLong((Long) value);
        } else if (type == Boolean.class) {
            tag(Tag.BOOLEAN);
            writeByte((Boolean) value ? 1 : 0);
        } else if (type == Double.class) {
            tag(Tag.DOUBLE);
            writeLong(Double.doubleToLongBits((Double) value)); // one NaN; 0.0 and -0.0 differ, as equals() says
        } else if (type == Float.class) {
            tag(Tag.FLOAT);
            writeInt(Float.floatToIntBits((Float) value));
        } else if (type == Short.class) {
            tag(Tag.SHORT);
            writeInt((Short) value);
        } else if (type == Byte.class) {
            tag(Tag.BYTE);
            writeByte((Byte) value);
        } else if (type == Character.class) {
            tag(Tag.CHAR);
            writeInt((Character) value);
        } else if (value instanceof Enum) {
            tag(Tag.ENUM);
            writeText(((Enum<?>) value).getDeclaringClass().getName());
            writeText(((Enum<?>) value).name());
        } else if (type.isArray()) {
            writeArray(value, depth);
        } else if (value instanceof BigDecimal) {
            tag(Tag.BIG_DECIMAL);
            writeBytes(((BigDecimal) value).unscaledValue().toByteArray());
            writeInt(((BigDecimal) value).scale());
        } else if (value instanceof BigInteger) {
            tag(Tag.BIG_INTEGER);
            writeBytes(((BigInteger) value).toByteArray());
        } else if (value instanceof Optional) {
            tag(Tag.OPTIONAL);
            write(((Optional<?>) value).orElse(null), depth + 1);
        } else if (JdkValueTypes.hasCanonicalText(type)) {
            tag(Tag.JDK_VALUE);
            writeText(type.getName());
            writeText(value.toString()); // specified canonical forms only: ISO-8601, RFC 4122, …
        } else if (value instanceof Class) {
            tag(Tag.CLASS);
            writeText(((Class<?>) value).getName());
        } else {
            writeComposite(value, type, depth);
        }
    }

    private void writeComposite(Object value, Class<?> type, int depth) throws UnkeyableArgumentException {
        String refusal = JdkValueTypes.refusalFor(value, type);
        if (refusal != null) {
            throw new UnkeyableArgumentException(refusal);
        }
        if (inProgress.put(value, Boolean.TRUE) != null) {
            throw new UnkeyableArgumentException("it contains a cycle (through a " + type.getName() + ")");
        }
        try {
            if (value instanceof Map) {
                writeMap((Map<?, ?>) value, depth);
            } else if (value instanceof Set) {
                writeSet((Set<?>) value, depth);
            } else if (value instanceof Collection) {
                tag(Tag.SEQUENCE);
                Collection<?> collection = (Collection<?>) value;
                writeInt(collection.size());
                for (Object element : collection) {
                    write(element, depth + 1);
                }
            } else if (JdkValueTypes.isJdkClass(type)) {
                throw new UnkeyableArgumentException("it is a " + type.getName()
                        + ", a JDK type with no canonical value form");
            } else {
                writeObject(value, type, depth);
            }
        } finally {
            inProgress.remove(value);
        }
    }

    private void writeArray(Object array, int depth) throws UnkeyableArgumentException {
        Class<?> component = array.getClass().getComponentType();
        int length = Array.getLength(array);
        tag(Tag.ARRAY);
        writeText(component.isPrimitive() ? component.getName() : "object");
        writeInt(length);
        if (component == byte.class) {
            writeBytes((byte[]) array);
        } else if (component.isPrimitive()) {
            for (int i = 0; i < length; i++) {
                write(Array.get(array, i), depth + 1);
            }
        } else {
            if (inProgress.put(array, Boolean.TRUE) != null) {
                throw new UnkeyableArgumentException("it contains a cycle (through an array)");
            }
            try {
                for (Object element : (Object[]) array) {
                    write(element, depth + 1);
                }
            } finally {
                inProgress.remove(array);
            }
        }
    }

    private void writeSet(Set<?> set, int depth) throws UnkeyableArgumentException {
        List<byte[]> encoded = new ArrayList<>(set.size());
        for (Object element : set) {
            encoded.add(encodeAlone(element, depth + 1));
        }
        writeSorted(Tag.SET, encoded);
    }

    private void writeMap(Map<?, ?> map, int depth) throws UnkeyableArgumentException {
        List<byte[]> encoded = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            encoded.add(encodeAlone(entry.getKey(), entry.getValue(), depth + 1)); // an entry: its key's bytes, then its value's
        }
        writeSorted(Tag.MAP, encoded);
    }

    private void writeSorted(Tag tag, List<byte[]> encoded) {
        encoded.sort(UNSIGNED_ORDER);
        tag(tag);
        writeInt(encoded.size());
        for (byte[] element : encoded) {
            writeBytes(element);
        }
    }

    /** Encodes one element on its own (for sorting), sharing the cycle guard of this encoder. */
    private byte[] encodeAlone(Object element, int depth) throws UnkeyableArgumentException {
        int start = size;
        write(element, depth);
        return cut(start);
    }

    /** As {@link #encodeAlone(Object, int)}, for two values whose encodings follow each other. */
    private byte[] encodeAlone(Object first, Object second, int depth) throws UnkeyableArgumentException {
        int start = size;
        write(first, depth);
        write(second, depth);
        return cut(start);
    }

    /** Takes out what was written since {@code start}. */
    private byte[] cut(int start) {
        byte[] alone = Arrays.copyOfRange(buffer, start, size);
        size = start;
        return alone;
    }

    private void writeObject(Object value, Class<?> type, int depth) throws UnkeyableArgumentException {
        Field[] fields;
        try {
            fields = INSTANCE_FIELDS.get(type);
        } catch (RuntimeException inaccessible) {
            throw new UnkeyableArgumentException("the fields of " + type.getName() + " cannot be read ("
                    + inaccessible.getClass().getSimpleName() + ")");
        }
        tag(Tag.OBJECT);
        writeText(type.getName());
        writeInt(fields.length);
        for (Field field : fields) {
            writeText(field.getName());
            Object fieldValue;
            try {
                fieldValue = field.get(value);
            } catch (IllegalAccessException e) {
                throw new UnkeyableArgumentException("field '" + field.getName() + "' of " + type.getName() + " cannot be read");
            }
            try {
                write(fieldValue, depth + 1);
            } catch (UnkeyableArgumentException e) {
                throw new UnkeyableArgumentException("field '" + field.getName() + "' of " + type.getName() + ": " + e.getMessage());
            }
        }
    }

    private static Field[] instanceFieldsOf(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            hierarchy.add(0, current);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> level : hierarchy) {
            Field[] declared = level.getDeclaredFields();
            Arrays.sort(declared, Comparator.comparing(Field::getName));
            for (Field field : declared) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                    continue;
                }
                fields.add(field);
            }
        }
        Field[] result = fields.toArray(new Field[0]);
        AccessibleObject.setAccessible(result, true);
        return result;
    }

    private void tag(Tag tag) {
        writeByte(tag.ordinal());
    }

    private void writeBytes(byte[] bytes) {
        writeInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    private void writeInt(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    /** Tags are part of the key format: append new ones, never reorder. */
    private enum Tag {
        NULL, STRING, INT, LONG, BOOLEAN, DOUBLE, FLOAT, SHORT, BYTE, CHAR, ENUM, ARRAY, BIG_DECIMAL,
        BIG_INTEGER, OPTIONAL, JDK_VALUE, CLASS, SEQUENCE, SET, MAP, OBJECT
    }

    static boolean isProxyOrLambda(Class<?> type) {
        return Proxy.isProxyClass(type) || type.isSynthetic() || type.getName().contains("$$Lambda");
    }
}
