package io.rediscache.agent.codec;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of decoded values, for the near tier's hits: every caller must get its own copy
 * (copy on read), and copying the value decoded once costs a fraction of decoding the kept
 * bytes again. Measured on the benchmark's 500-byte value: a decode about 2 µs, Kryo's own
 * {@code Kryo.copy} 1.4–1.7 µs (a class registration lookup and reference bookkeeping for every
 * object, immutable strings included), this copier about 0.35 µs.
 *
 * <p>The copy is the value a decode of the same bytes would give ({@link CopyPlans} says how,
 * class by class): application objects, dates, arrays and JDK collections are new objects; JDK
 * values that cannot change (strings, boxed numbers, enum constants, ...) are shared. References
 * shared within the value stay shared, and cycles stay cycles. A value with any part the copier
 * does not know throws {@link NotCopyableException}, and its caller decodes instead.
 */
public final class ValueCopier {

    private final CopyPlans plans = new CopyPlans();

    /**
     * @return a copy of {@code value} (the value itself when it is a shared JDK value or {@code null})
     * @throws NotCopyableException when some part of it cannot be copied; the message says which and why
     */
    public Object copy(Object value) throws NotCopyableException {
        return new Pass().copy(value, 0);
    }

    /** One copy: remembers each object it copied, so that a second reference to it gets the same copy. */
    private final class Pass {

        /** Up to this many copied objects are looked up by a linear scan (most values have a handful). */
        private static final int SCANNED = 16;

        private final Object[] originals = new Object[SCANNED];
        private final Object[] copies = new Object[SCANNED];
        private int count;
        private Map<Object, Object> index;
        /** The plan last looked up: list elements are mostly of one class, and a lookup costs more than a compare. */
        private Class<?> lastType;
        private CopyPlan lastPlan;

        Object copy(Object value, int depth) throws NotCopyableException {
            if (value == null) {
                return null;
            }
            Class<?> type = value.getClass();
            if (CopyPlans.isCommonJdkValue(type)) {
                return value;
            }
            CopyPlan plan;
            if (type == lastType) {
                plan = lastPlan;
            } else {
                plan = plans.of(type);
                lastType = type;
                lastPlan = plan;
            }
            if (plan.kind == CopyPlan.Kind.SHARED) {
                return value;
            }
            if (plan.kind == CopyPlan.Kind.REFUSED) {
                throw new NotCopyableException("a " + value.getClass().getName() + " cannot be copied: " + plan.refusal);
            }
            Object copied = copied(value);
            if (copied != null) {
                return copied;
            }
            if (depth >= KryoCodec.MAX_DEPTH) {
                throw new NotCopyableException("nested deeper than " + KryoCodec.MAX_DEPTH + " levels");
            }
            try {
                return copyNew(value, plan, depth + 1);
            } catch (IllegalAccessException | RuntimeException e) {
                throw new NotCopyableException("copying a " + value.getClass().getName() + " failed: " + e);
            }
        }

        @SuppressWarnings("unchecked")
        private Object copyNew(Object value, CopyPlan plan, int depth) throws NotCopyableException, IllegalAccessException {
            switch (plan.kind) {
                case DATE:
                    return remember(value, new Date(((Date) value).getTime()));
                case ARRAY:
                    return array(value, plan, depth);
                case ARRAY_LIST:
                    return arrayList((ArrayList<Object>) value, depth);
                case LINKED_LIST:
                    return collection((Collection<Object>) value, remember(value, new LinkedList<Object>()), depth);
                case HASH_SET:
                    return collection((Collection<Object>) value, remember(value, new HashSet<Object>()), depth);
                case LINKED_HASH_SET:
                    return collection((Collection<Object>) value, remember(value, new LinkedHashSet<Object>()), depth);
                case HASH_MAP:
                    return map((Map<Object, Object>) value, remember(value, new HashMap<Object, Object>()), depth);
                case LINKED_HASH_MAP:
                    return map((Map<Object, Object>) value, remember(value, new LinkedHashMap<Object, Object>()), depth);
                case FIELDS:
                    return fields(value, plan, depth);
                case RECORD:
                    return record(value, plan, depth);
                default:
                    throw new IllegalStateException("no copy for " + plan.kind);
            }
        }

        private Object array(Object value, CopyPlan plan, int depth) throws NotCopyableException {
            int length = Array.getLength(value);
            Object copy = remember(value, Array.newInstance(value.getClass().getComponentType(), length));
            if (plan.sharedElements) {
                System.arraycopy(value, 0, copy, 0, length);
            } else {
                Object[] from = (Object[]) value;
                Object[] to = (Object[]) copy;
                for (int i = 0; i < length; i++) {
                    to[i] = copy(from[i], depth);
                }
            }
            return copy;
        }

        /** A list of shared values only (strings, numbers: the usual case) is copied in one go. */
        private List<Object> arrayList(ArrayList<Object> from, int depth) throws NotCopyableException {
            int size = from.size();
            boolean shared = true;
            for (int i = 0; i < size && shared; i++) {
                Object element = from.get(i);
                shared = element == null || CopyPlans.isCommonJdkValue(element.getClass());
            }
            if (shared) {
                return remember(from, new ArrayList<Object>(from));
            }
            List<Object> to = remember(from, new ArrayList<Object>(size));
            for (int i = 0; i < size; i++) {
                to.add(copy(from.get(i), depth));
            }
            return to;
        }

        private Collection<Object> collection(Collection<Object> from, Collection<Object> to, int depth)
                throws NotCopyableException {
            for (Object element : from) {
                to.add(copy(element, depth));
            }
            return to;
        }

        private Map<Object, Object> map(Map<Object, Object> from, Map<Object, Object> to, int depth)
                throws NotCopyableException {
            for (Map.Entry<Object, Object> entry : from.entrySet()) {
                to.put(copy(entry.getKey(), depth), copy(entry.getValue(), depth));
            }
            return to;
        }

        private Object fields(Object value, CopyPlan plan, int depth) throws NotCopyableException, IllegalAccessException {
            Object copy = remember(value, plan.newInstance());
            Field[] fields = plan.fields;
            for (int i = 0; i < fields.length; i++) {
                if (plan.primitiveTypes[i] != null) {
                    plan.copyPrimitive(i, value, copy);
                } else {
                    Object field = fields[i].get(value);
                    fields[i].set(copy, plan.sharedByType[i] ? field : copy(field, depth));
                }
            }
            return copy;
        }

        /** Components first: a record exists only once constructed (a cycle through one is too deep, and refused). */
        private Object record(Object value, CopyPlan plan, int depth) throws NotCopyableException, IllegalAccessException {
            Field[] components = plan.fields;
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Object component = components[i].get(value);
                arguments[i] = plan.primitiveTypes[i] != null || plan.sharedByType[i] ? component : copy(component, depth);
            }
            return remember(value, plan.newRecord(arguments));
        }

        private Object copied(Object original) {
            if (index != null) {
                return index.get(original);
            }
            for (int i = 0; i < count; i++) {
                if (originals[i] == original) {
                    return copies[i];
                }
            }
            return null;
        }

        private <T> T remember(Object original, T copy) {
            if (index == null && count < SCANNED) {
                originals[count] = original;
                copies[count] = copy;
                count++;
                return copy;
            }
            if (index == null) {
                index = new IdentityHashMap<Object, Object>();
                for (int i = 0; i < count; i++) {
                    index.put(originals[i], copies[i]);
                }
            }
            index.put(original, copy);
            return copy;
        }
    }
}
