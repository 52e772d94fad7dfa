package io.rediscache.agent.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.EnumMap;
import java.util.Map;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo serializer for {@link EnumMap}. Kryo's generic map serializer creates an {@code EnumMap}
 * without its key type (the private {@code keyType} field, which Java 9+ does not let Kryo
 * set), so every read failed. Written here: the key type's name, the size, then each entry
 * as the constant's name (not its ordinal, so reordering constants keeps entries readable)
 * and the value; read back into {@code new EnumMap(keyType)}, the key type resolved through
 * Kryo's class loader (the cached method's).
 *
 * <p>An empty map has no key to ask for its type; its type is then read from the map's own
 * Java serialization form, which names it: the bytes are the agent's own, produced and
 * inspected in memory here, and nothing is instantiated from them.
 *
 * <p>The key type's name comes from untrusted bytes like any class name, and creating an
 * {@code EnumMap} initialises its key type: so it must pass the {@link ClassAllowList} before it
 * is even loaded (a key type this JVM wrote is allowed, as for every class it writes).
 */
final class EnumMapSerializer extends Serializer<EnumMap<?, ?>> {

    private final ClassAllowList allowList;

    EnumMapSerializer(ClassAllowList allowList) {
        super(false, false);
        this.allowList = allowList;
    }

    @Override
    public void write(Kryo kryo, Output output, EnumMap<?, ?> map) {
        String keyTypeName = keyTypeName(map);
        allowList.wrote(keyTypeName);
        output.writeString(keyTypeName);
        output.writeVarInt(map.size(), true);
        for (Map.Entry<? extends Enum<?>, ?> entry : map.entrySet()) {
            output.writeString(entry.getKey().name());
            kryo.writeClassAndObject(output, entry.getValue());
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EnumMap<?, ?> read(Kryo kryo, Input input, Class<? extends EnumMap<?, ?>> type) {
        String keyTypeName = input.readString();
        if (keyTypeName == null || !allowList.allows(keyTypeName)) {
            throw new ClassNotAllowedException(String.valueOf(keyTypeName));
        }
        Class keyType;
        try {
            keyType = Class.forName(keyTypeName, false, kryo.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new KryoException("EnumMap key type not found: " + keyTypeName, e);
        }
        if (!keyType.isEnum()) {
            throw new KryoException("EnumMap key type is not an enum: " + keyTypeName);
        }
        EnumMap map = new EnumMap(keyType);
        kryo.reference(map);
        int size = input.readVarInt(true);
        for (int i = 0; i < size; i++) {
            Enum<?> key = Enum.valueOf(keyType, input.readString());
            map.put(key, kryo.readClassAndObject(input));
        }
        return map;
    }

    private static String keyTypeName(EnumMap<?, ?> map) {
        if (!map.isEmpty()) {
            return map.keySet().iterator().next().getDeclaringClass().getName();
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            ObjectOutputStream out = new ObjectOutputStream(bytes);
            out.writeObject(map);
            out.close();
            new KeyTypeNameReader(bytes.toByteArray()).readObject();
        } catch (KeyTypeNameReader.Found found) {
            return found.name;
        } catch (IOException | ClassNotFoundException e) {
            throw new KryoException("cannot tell the key type of an empty EnumMap", e);
        }
        throw new KryoException("cannot tell the key type of an empty EnumMap");
    }

    /**
     * Reads the class descriptors of an empty {@code EnumMap}'s serialized form up to the
     * first one after {@code EnumMap}'s own, which is its key type, and stops there.
     */
    private static final class KeyTypeNameReader extends ObjectInputStream {

        KeyTypeNameReader(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            if (descriptor.getName().equals(EnumMap.class.getName())) {
                return EnumMap.class;
            }
            throw new Found(descriptor.getName());
        }

        static final class Found extends IOException {
            private static final long serialVersionUID = 1L;
            final String name;

            Found(String name) {
                super(name, null);
                this.name = name;
            }
        }
    }
}
