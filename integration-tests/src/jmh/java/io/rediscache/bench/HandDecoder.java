package io.rediscache.bench;

import io.rediscache.agent.shaded.com.esotericsoftware.kryo.Kryo;
import io.rediscache.agent.shaded.com.esotericsoftware.kryo.io.Input;
import io.rediscache.agent.shaded.com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.rediscache.agent.shaded.com.esotericsoftware.kryo.util.Pool;
import io.rediscache.agent.shaded.org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The floor's decoder, written by hand: what an application that stored the agent's bytes
 * itself would minimally do to read them back. Same Kryo (the relocated 5.x inside the agent
 * jar) and the same settings as the agent's {@code KryoCodec.newKryo}: class loader, no
 * registration, references on, Objenesis fallback instantiation, a soft pool of up to 32
 * instances. The agent's extra default serializers for {@code Collections.unmodifiable*} views
 * are left out: the benchmark value holds none, so they would never be consulted. Reads the
 * agent's envelope (format byte, flags byte) and skips it, as the agent does.
 */
final class HandDecoder {

    private final ClassLoader loader = HandDecoder.class.getClassLoader();
    private final Pool<Kryo> pool = new Pool<Kryo>(true, false, 32) {
        @Override
        protected Kryo create() {
            Kryo kryo = new Kryo();
            kryo.setClassLoader(loader);
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            return kryo;
        }
    };

    Object decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != 1) {
            throw new IllegalStateException("not a value in the agent's format 1");
        }
        if ((bytes[1] & 1) != 0) {
            return null;
        }
        Kryo kryo = pool.obtain();
        try {
            return kryo.readClassAndObject(new Input(bytes, 2, bytes.length - 2));
        } finally {
            pool.free(kryo);
        }
    }
}
