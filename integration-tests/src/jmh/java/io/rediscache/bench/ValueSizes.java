package io.rediscache.bench;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.KryoCodec;

/**
 * (l) How many bytes the benchmark's value takes in Redis as the agent stores it (the 2-byte
 * envelope and Kryo, with the value format's field-layout data), against the two formats an
 * application would otherwise reach for: Java serialization ({@code ObjectOutputStream}) and
 * JSON (Jackson, fields as they are, UTF-8). Sizes only, measured once: no timing.
 */
final class ValueSizes {

    final int agent;
    final int javaSerialization;
    final int json;

    private ValueSizes(int agent, int javaSerialization, int json) {
        this.agent = agent;
        this.javaSerialization = javaSerialization;
        this.json = json;
    }

    static ValueSizes of(CustomerProfile value) throws Exception {
        int agent = new KryoCodec(new ClassAllowList(List.of("io.rediscache.bench")))
                .encode(value, ValueSizes.class.getClassLoader()).length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        ObjectMapper mapper = new ObjectMapper().setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        int json = mapper.writeValueAsBytes(value).length;
        return new ValueSizes(agent, bytes.size(), json);
    }

    String describe() {
        return String.format(Locale.ROOT, "\nValue size (l), the benchmark's CustomerProfile: %d bytes as the agent stores it"
                        + " (envelope + Kryo); Java serialization %d bytes (%.1fx); JSON (Jackson, UTF-8) %d bytes (%.1fx).%n",
                agent, javaSerialization, (double) javaSerialization / agent, json, (double) json / agent);
    }
}
