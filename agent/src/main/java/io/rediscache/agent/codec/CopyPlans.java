package io.rediscache.agent.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.InstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Works out, once per class, how {@link ValueCopier} copies its objects ({@link CopyPlan}),
 * so that the copy does what {@link KryoCodec#decode} would have done:
 * <ul>
 * <li>JDK value types whose objects never change (strings, boxed primitives, {@code BigInteger},
 *     {@code BigDecimal}, {@code UUID}, the {@code java.time} values) and enum constants are shared;</li>
 * <li>{@code java.util.Date}, arrays and the common JDK collections ({@code ArrayList},
 *     {@code LinkedList}, {@code HashMap}, {@code LinkedHashMap}, {@code HashSet},
 *     {@code LinkedHashSet}) are copied, exact classes only;</li>
 * <li>objects of application classes are copied field by field: the fields Kryo writes (not
 *     static, not transient, not synthetic), into an object created as Kryo creates it (its
 *     no-arg constructor, else none), so transient fields end as a decode leaves them;</li>
 * <li>records are rebuilt through their canonical constructor, as Kryo reads them.</li>
 * </ul>
 * Every other JDK class, and any class whose fields reflection may not set (a module that does
 * not open its package), is refused: its values are decoded, as before.
 */
final class CopyPlans {

    private static final Set<Class<?>> JDK_VALUES = new HashSet<Class<?>>(Arrays.<Class<?>>asList(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class, Class.class));
    /** The java.time value classes (by name: the agent's code is Java 8, and all are final and immutable). */
    private static final Set<String> TIME_VALUES = new HashSet<String>(Arrays.asList(
            "java.time.Instant", "java.time.LocalDate", "java.time.LocalTime", "java.time.LocalDateTime",
            "java.time.OffsetTime", "java.time.OffsetDateTime", "java.time.ZonedDateTime", "java.time.Duration",
            "java.time.Period", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay",
            "java.time.ZoneOffset"));

    /** The mutable JDK classes copied as such, exact classes only (a subclass may hold more state). */
    private static final Map<Class<?>, CopyPlan.Kind> CONTAINERS = new HashMap<Class<?>, CopyPlan.Kind>();

    static {
        CONTAINERS.put(Date.class, CopyPlan.Kind.DATE);
        CONTAINERS.put(ArrayList.class, CopyPlan.Kind.ARRAY_LIST);
        CONTAINERS.put(LinkedList.class, CopyPlan.Kind.LINKED_LIST);
        CONTAINERS.put(HashMap.class, CopyPlan.Kind.HASH_MAP);
        CONTAINERS.put(LinkedHashMap.class, CopyPlan.Kind.LINKED_HASH_MAP);
        CONTAINERS.put(HashSet.class, CopyPlan.Kind.HASH_SET);
        CONTAINERS.put(LinkedHashSet.class, CopyPlan.Kind.LINKED_HASH_SET);
    }

    private final ClassValue<CopyPlan> plans = new ClassValue<CopyPlan>() {
        @Override
        protected CopyPlan computeValue(Class<?> type) {
            return plan(type);
        }
    };

    CopyPlan of(Class<?> type) {
        return plans.get(type);
    }

    /**
     * Whether {@code type} is one of the JDK values met most (strings, boxed numbers), by
     * comparing: cheaper than the plan's lookup, for list elements and map keys above all.
     */
    static boolean isCommonJdkValue(Class<?> type) {
        return type == String.class || type == Long.class || type == Integer.class || type == Double.class
                || type == Boolean.class;
    }

    /** Whether a field declared with this type always holds a value that is shared (or {@code null}). */
    static boolean sharedByType(Class<?> declared) {
        return JDK_VALUES.contains(declared) || TIME_VALUES.contains(declared.getName())
                || declared.isEnum() || declared == Enum.class;
    }

    private CopyPlan plan(Class<?> type) {
        if (JDK_VALUES.contains(type) || TIME_VALUES.contains(type.getName()) || Enum.class.isAssignableFrom(type)) {
            return CopyPlan.of(CopyPlan.Kind.SHARED);
        }
        if (type.isArray()) {
            Class<?> component = type.getComponentType();
            return CopyPlan.array(component.isPrimitive() || sharedByType(component));
        }
        CopyPlan.Kind container = CONTAINERS.get(type);
        if (container != null) {
            return CopyPlan.of(container);
        }
        if (isJdk(type)) {
            return CopyPlan.refused("it is a " + type.getName() + ", not among the JDK classes the near tier copies");
        }
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return CopyPlan.refused("Kryo reads it as a collection, not field by field");
        }
        for (Class<?> c = type.getSuperclass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (isJdk(c) && !"java.lang.Record".equals(c.getName())) {
                return CopyPlan.refused("it extends " + c.getName() + ", whose fields are the JDK's own");
            }
        }
        try {
            return isRecord(type) ? recordPlan(type) : fieldsPlan(type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException (a module that does not open the package), SecurityException, ...
            return CopyPlan.refused("its fields cannot be read and set by reflection: " + e);
        }
    }

    /** The fields Kryo's field serializer writes, superclass fields first, made accessible. */
    private CopyPlan fieldsPlan(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<Class<?>>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<Field> fields = new ArrayList<Field>();
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        Field[] array = fields.toArray(new Field[0]);
        return CopyPlan.fields(Instantiators.STRATEGY.newInstantiatorOf(type), array, sharedByTypes(array));
    }

    /** A record's components in order and its canonical constructor (through reflection: the agent's code is Java 8). */
    private static CopyPlan recordPlan(Class<?> type) throws ReflectiveOperationException {
        Object[] components = (Object[]) Class.class.getMethod("getRecordComponents").invoke(type);
        Field[] fields = new Field[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Method getName = components[i].getClass().getMethod("getName");
            Method getType = components[i].getClass().getMethod("getType");
            fields[i] = type.getDeclaredField((String) getName.invoke(components[i]));
            fields[i].setAccessible(true);
            types[i] = (Class<?>) getType.invoke(components[i]);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return CopyPlan.record(canonical, fields, sharedByTypes(fields));
    }

    private static boolean[] sharedByTypes(Field[] fields) {
        boolean[] shared = new boolean[fields.length];
        for (int i = 0; i < fields.length; i++) {
            shared[i] = sharedByType(fields[i].getType());
        }
        return shared;
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }

    private static boolean isRecord(Class<?> type) {
        Class<?> superclass = type.getSuperclass();
        return superclass != null && "java.lang.Record".equals(superclass.getName());
    }

    /** Kryo's way of creating objects, built at the first plan: the agent's start loads no Kryo class. */
    private static final class Instantiators {
        static final InstantiatorStrategy STRATEGY = new DefaultInstantiatorStrategy(new StdInstantiatorStrategy());
    }
}
