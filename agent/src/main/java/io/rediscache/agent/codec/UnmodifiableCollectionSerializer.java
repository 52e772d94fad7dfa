package io.rediscache.agent.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo serializers for the {@code Collections.unmodifiable*} views. Kryo cannot reach into
 * their private JDK fields on Java 9+ (strong encapsulation), so the view is written as a
 * copy of its content and read back as the same kind of unmodifiable view over that copy.
 */
final class UnmodifiableCollectionSerializer {

    private UnmodifiableCollectionSerializer() {
    }

    static void register(Kryo kryo) {
        kryo.addDefaultSerializer(Collections.unmodifiableList(new ArrayList<>()).getClass(),
                new ViewSerializer<List<?>>(Kind.LIST));
        kryo.addDefaultSerializer(Collections.unmodifiableList(new java.util.LinkedList<>()).getClass(),
                new ViewSerializer<List<?>>(Kind.LIST));
        kryo.addDefaultSerializer(Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(),
                new ViewSerializer<SortedSet<?>>(Kind.SORTED_SET));
        kryo.addDefaultSerializer(Collections.unmodifiableSet(new LinkedHashSet<>()).getClass(),
                new ViewSerializer<Set<?>>(Kind.SET));
        kryo.addDefaultSerializer(Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(),
                new ViewSerializer<SortedMap<?, ?>>(Kind.SORTED_MAP));
        kryo.addDefaultSerializer(Collections.unmodifiableMap(new LinkedHashMap<>()).getClass(),
                new ViewSerializer<Map<?, ?>>(Kind.MAP));
        kryo.addDefaultSerializer(Collections.unmodifiableCollection(new ArrayList<>()).getClass(),
                new ViewSerializer<Collection<?>>(Kind.COLLECTION));
    }

    private enum Kind { LIST, SET, SORTED_SET, MAP, SORTED_MAP, COLLECTION }

    private static final class ViewSerializer<T> extends Serializer<T> {
        private final Kind kind;

        ViewSerializer(Kind kind) {
            super(false, true);
            this.kind = kind;
        }

        @Override
        public void write(Kryo kryo, Output output, T view) {
            Object copy;
            switch (kind) {
                case SORTED_SET:
                    copy = new TreeSet<>((SortedSet<?>) view);
                    break;
                case SORTED_MAP:
                    copy = new TreeMap<>((SortedMap<?, ?>) view);
                    break;
                case SET:
                    copy = new LinkedHashSet<>((Set<?>) view);
                    break;
                case MAP:
                    copy = new LinkedHashMap<>((Map<?, ?>) view);
                    break;
                default:
                    copy = new ArrayList<>((Collection<?>) view);
            }
            kryo.writeClassAndObject(output, copy);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            Object copy = kryo.readClassAndObject(input);
            switch (kind) {
                case LIST:
                    return (T) Collections.unmodifiableList((List) copy);
                case SET:
                    return (T) Collections.unmodifiableSet((Set) copy);
                case SORTED_SET:
                    return (T) Collections.unmodifiableSortedSet((SortedSet) copy);
                case MAP:
                    return (T) Collections.unmodifiableMap((Map) copy);
                case SORTED_MAP:
                    return (T) Collections.unmodifiableSortedMap((SortedMap) copy);
                default:
                    return (T) Collections.unmodifiableCollection((Collection) copy);
            }
        }
    }
}
