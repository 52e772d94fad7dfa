package io.rediscache.agent.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.RecordSerializer;

/**
 * Kryo writes a plain object's (and a record's) fields in name order without their names, so a
 * value stored by one version of a class and read by another whose fields were renamed or
 * retyped could be read into the wrong fields without any error. This serializer writes a
 * checksum of the class's field layout (every instance field of the class and its
 * superclasses: declaring class, name and type) before the fields, and refuses a value whose
 * layout differs from the reading class's: the read is a miss, the entry rewritten.
 */
final class LayoutCheckedSerializer<T> extends Serializer<T> {

    private final Serializer<T> fields;
    private final int layout;

    private LayoutCheckedSerializer(Serializer<T> fields, Class<?> type) {
        this.fields = fields;
        this.layout = layoutOf(type);
    }

    /** For plain objects: Kryo's default (field) serializer, checked. */
    static SerializerFactory<Serializer> forObjects() {
        return new SerializerFactory.BaseSerializerFactory<Serializer>() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Serializer newSerializer(Kryo kryo, Class type) {
                return new LayoutCheckedSerializer(new FieldSerializer(kryo, type), type);
            }
        };
    }

    /** For records: Kryo's record serializer, checked. */
    static SerializerFactory<Serializer> forRecords() {
        return new SerializerFactory.BaseSerializerFactory<Serializer>() {
            @Override
            @SuppressWarnings({"rawtypes", "unchecked"})
            public Serializer newSerializer(Kryo kryo, Class type) {
                return new LayoutCheckedSerializer(new RecordSerializer(type), type);
            }
        };
    }

    @Override
    public void write(Kryo kryo, Output output, T object) {
        output.writeInt(layout);
        fields.write(kryo, output, object);
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        int stored = input.readInt();
        if (stored != layout) {
            throw new KryoException("class " + type.getName() + " has other fields than when the value was stored");
        }
        return fields.read(kryo, input, type);
    }

    static int layoutOf(Class<?> type) {
        List<String> parts = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    parts.add(c.getName() + "#" + field.getName() + ":" + field.getType().getName());
                }
            }
        }
        Collections.sort(parts);
        CRC32 crc = new CRC32();
        crc.update(String.join(";", parts).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
