package io.rediscache.agent.codec;

import java.util.Collection;
import java.util.Map;
import java.util.PriorityQueue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.PriorityQueueSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;

/**
 * Kryo whose collection, map and object-array serializers allocate no more than the stored
 * bytes justify. Kryo sizes an {@code ArrayList}, {@code HashMap}, {@code HashSet} or
 * {@code PriorityQueue} by the element count the bytes declare, and allocates an object array
 * of the declared length, before reading a single element; crafted bytes declaring 2^31
 * elements therefore asked for gigabytes ({@code OutOfMemoryError}). Here the collections and
 * maps get an initial capacity of at most the bytes left (they still grow as elements are
 * really read, so no genuine value is refused), and an array declaring more elements than the
 * bytes left is refused (every element takes at least one byte). Strings, and the primitive
 * arrays Kryo reads in one call, are bounded by {@link BoundedInput} too.
 *
 * <p>Only Kryo's own serializers of exactly these classes are replaced; every other choice
 * (sorted collections, the agent's serializers, application annotations) is Kryo's.
 */
final class BoundedKryo extends Kryo {

    BoundedKryo(DefaultClassResolver classResolver, MapReferenceResolver referenceResolver) {
        super(classResolver, referenceResolver);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Serializer getDefaultSerializer(Class type) {
        Serializer chosen = super.getDefaultSerializer(type);
        Class<?> kind = chosen.getClass();
        if (kind == CollectionSerializer.class) {
            return new CappedCollectionSerializer();
        }
        if (kind == MapSerializer.class) {
            return new CappedMapSerializer();
        }
        if (kind == PriorityQueueSerializer.class) {
            return new CappedPriorityQueueSerializer();
        }
        if (kind.getEnclosingClass() == DefaultArraySerializers.class) {
            return new LengthCheckedArraySerializer(chosen);
        }
        return chosen;
    }

    private static int bytesLeft(Input input) {
        return input.limit() - input.position();
    }

    @SuppressWarnings("rawtypes")
    private static final class CappedCollectionSerializer extends CollectionSerializer<Collection> {
        @Override
        protected Collection create(Kryo kryo, Input input, Class<? extends Collection> type, int size) {
            return super.create(kryo, input, type, Math.min(size, bytesLeft(input)));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class CappedMapSerializer extends MapSerializer<Map> {
        @Override
        protected Map create(Kryo kryo, Input input, Class<? extends Map> type, int size) {
            return super.create(kryo, input, type, Math.min(size, bytesLeft(input)));
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class CappedPriorityQueueSerializer extends PriorityQueueSerializer {
        @Override
        protected PriorityQueue create(Kryo kryo, Input input, Class<? extends PriorityQueue> type, int size) {
            return super.create(kryo, input, type, Math.min(size, bytesLeft(input)));
        }
    }

    /**
     * Any of Kryo's array serializers, which all start with the length + 1 as a varint and then
     * allocate the array (or, for {@code String[]} and {@code boolean[]}, fill it one by one):
     * the declared length is checked against the bytes left before they run.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class LengthCheckedArraySerializer extends Serializer<Object> {
        private final Serializer array;

        LengthCheckedArraySerializer(Serializer array) {
            super(array.getAcceptsNull(), array.isImmutable());
            this.array = array;
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            array.write(kryo, output, object);
        }

        @Override
        public Object read(Kryo kryo, Input input, Class type) {
            int start = input.position();
            long declared = input.readVarInt(true) - 1L;
            input.setPosition(start);
            if (declared > bytesLeft(input)) {
                throw new KryoException("an array declares " + declared + " elements, more than the " + bytesLeft(input)
                        + " bytes left in the value: corrupt or forged");
            }
            return array.read(kryo, input, type);
        }

        @Override
        public Object copy(Kryo kryo, Object original) {
            return array.copy(kryo, original);
        }
    }
}
