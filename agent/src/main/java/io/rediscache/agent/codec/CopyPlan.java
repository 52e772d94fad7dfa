package io.rediscache.agent.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;

import org.objenesis.instantiator.ObjectInstantiator;

/**
 * How {@link ValueCopier} copies the objects of one class, worked out once per class by
 * {@link CopyPlans}: share it (a JDK value that cannot change), copy it as the JDK container it
 * is, copy it field by field (an application class), rebuild it through its canonical
 * constructor (a record), or refuse it (with the reason, for the log).
 */
final class CopyPlan {

    enum Kind {
        SHARED, REFUSED, DATE, ARRAY, ARRAY_LIST, LINKED_LIST, HASH_MAP, LINKED_HASH_MAP, HASH_SET, LINKED_HASH_SET,
        FIELDS, RECORD
    }

    final Kind kind;
    /** Why a {@link Kind#REFUSED} class cannot be copied. */
    final String refusal;
    /** {@link Kind#ARRAY}: whether the elements are shared (primitive, or a JDK value type), so a clone is a copy. */
    final boolean sharedElements;
    /** {@link Kind#FIELDS}: creates the copy as Kryo's decode creates the object (no-arg constructor, else none). */
    private final ObjectInstantiator<?> instantiator;
    /** {@link Kind#FIELDS}: the fields Kryo writes; {@link Kind#RECORD}: the components, in order. */
    final Field[] fields;
    /** Per field: its primitive type, or {@code null} for a reference. */
    final Class<?>[] primitiveTypes;
    /** Per field: whether its declared type is a JDK value type (its value is shared without looking at it). */
    final boolean[] sharedByType;
    private final Constructor<?> canonical;

    private CopyPlan(Kind kind, String refusal, boolean sharedElements, ObjectInstantiator<?> instantiator,
                     Field[] fields, Class<?>[] primitiveTypes, boolean[] sharedByType, Constructor<?> canonical) {
        this.kind = kind;
        this.refusal = refusal;
        this.sharedElements = sharedElements;
        this.instantiator = instantiator;
        this.fields = fields;
        this.primitiveTypes = primitiveTypes;
        this.sharedByType = sharedByType;
        this.canonical = canonical;
    }

    static CopyPlan of(Kind kind) {
        return new CopyPlan(kind, null, false, null, null, null, null, null);
    }

    static CopyPlan refused(String reason) {
        return new CopyPlan(Kind.REFUSED, reason, false, null, null, null, null, null);
    }

    static CopyPlan array(boolean sharedElements) {
        return new CopyPlan(Kind.ARRAY, null, sharedElements, null, null, null, null, null);
    }

    static CopyPlan fields(ObjectInstantiator<?> instantiator, Field[] fields, boolean[] sharedByType) {
        return new CopyPlan(Kind.FIELDS, null, false, instantiator, fields, primitiveTypes(fields), sharedByType, null);
    }

    static CopyPlan record(Constructor<?> canonical, Field[] components, boolean[] sharedByType) {
        return new CopyPlan(Kind.RECORD, null, false, null, components, primitiveTypes(components), sharedByType,
                canonical);
    }

    private static Class<?>[] primitiveTypes(Field[] fields) {
        Class<?>[] types = new Class<?>[fields.length];
        for (int i = 0; i < fields.length; i++) {
            types[i] = fields[i].getType().isPrimitive() ? fields[i].getType() : null;
        }
        return types;
    }

    Object newInstance() {
        return instantiator.newInstance();
    }

    Object newRecord(Object[] components) throws NotCopyableException {
        try {
            return canonical.newInstance(components);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new NotCopyableException("the canonical constructor of " + canonical.getDeclaringClass().getName()
                    + " failed: " + e);
        }
    }

    /** Copies primitive field {@code i} from {@code from} to {@code to}, without boxing. */
    void copyPrimitive(int i, Object from, Object to) throws IllegalAccessException {
        Field field = fields[i];
        Class<?> type = primitiveTypes[i];
        if (type == int.class) {
            field.setInt(to, field.getInt(from));
        } else if (type == long.class) {
            field.setLong(to, field.getLong(from));
        } else if (type == boolean.class) {
            field.setBoolean(to, field.getBoolean(from));
        } else if (type == double.class) {
            field.setDouble(to, field.getDouble(from));
        } else if (type == float.class) {
            field.setFloat(to, field.getFloat(from));
        } else if (type == byte.class) {
            field.setByte(to, field.getByte(from));
        } else if (type == short.class) {
            field.setShort(to, field.getShort(from));
        } else {
            field.setChar(to, field.getChar(from));
        }
    }
}
