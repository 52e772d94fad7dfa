package io.rediscache.bench;

import java.util.List;

import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;

/**
 * The floor's decoder: what an application that stored the agent's bytes itself would do to
 * read them back, with the agent's own codec (the relocated Kryo 5.x inside the agent jar and
 * its settings: the value format with its field-layout checks, and a class allow-list, here the
 * benchmark's package). So the floor pays the same decode as a hit, and a/b isolates what the
 * agent adds around it: advice, key, store.
 */
final class HandDecoder {

    private final ClassLoader loader = HandDecoder.class.getClassLoader();
    private final KryoCodec codec = new KryoCodec(new ClassAllowList(List.of("io.rediscache.bench")));

    Object decode(byte[] bytes) {
        try {
            return codec.decode(bytes, loader);
        } catch (CodecException e) {
            throw new IllegalStateException("not a value in the agent's format: " + e.getMessage(), e);
        }
    }
}
