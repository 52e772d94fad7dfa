package io.rediscache.agent.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;

/**
 * Turns method results into stored bytes and back.
 *
 * <p>Envelope: byte 0 is the format version ({@value #FORMAT}), byte 1 the flags (bit 0: the
 * value is {@code null}, no payload follows; bit 2: four bytes of compute time follow, the
 * milliseconds the method took to compute the value, big-endian, which early refresh needs);
 * then Kryo's {@code writeClassAndObject} bytes. (Bit 1 is the signer's.)
 *
 * <p>Kryo instances are not thread-safe and cache resolved classes, so there is one pool per
 * application class loader ({@link KryoPools}), and classes are resolved through the loader of
 * the cached method's declaring class. They are made by {@link KryoFactory}, at the first value:
 * this codec is made in premain, where none of Kryo's classes is to load.
 *
 * <p>Kryo settings: references on (shared and nested object graphs round-trip), no
 * registration required (class names are written), and objects without a no-arg constructor
 * are instantiated through Objenesis. Stored bytes are untrusted: a class name is checked
 * against the {@link ClassAllowList} before it is loaded, nesting deeper than
 * {@value #MAX_DEPTH} levels is refused (no stack overflow), and no string, array or
 * collection may declare more elements than the bytes left ({@link BoundedInput},
 * {@link BoundedKryo}: no gigabyte allocation from a few crafted bytes).
 */
public final class KryoCodec {

    /** 2: plain objects and records carry a layout checksum, enums their constant's name (1 had neither). */
    static final int FORMAT = 2;
    private static final int FLAG_NULL = 1;
    private static final int FLAG_COMPUTE_TIME = 4;
    private static final int COMPUTE_TIME_BYTES = 4;

    /** Deepest nesting a value may have: crafted bytes nested 100,000 deep must not overflow the stack. */
    static final int MAX_DEPTH = 500;

    private final ClassAllowList allowList;
    private final KryoPools pools;

    /** @param allowList the classes stored values may name */
    public KryoCodec(ClassAllowList allowList) {
        this.allowList = allowList;
        this.pools = new KryoPools(allowList);
    }

    /** The classes stored values may name. */
    public ClassAllowList allowList() {
        return allowList;
    }

    public byte[] encode(Object value, ClassLoader loader) throws CodecException {
        return encode(value, loader, -1);
    }

    /**
     * @param computeMillis how long the value took to compute, stored in the envelope for
     *                      {@link #computeMillis(byte[])}; negative: not stored
     */
    public byte[] encode(Object value, ClassLoader loader, int computeMillis) throws CodecException {
        int timed = computeMillis >= 0 ? FLAG_COMPUTE_TIME : 0;
        if (value == null) {
            Output output = new Output(2 + COMPUTE_TIME_BYTES);
            writeHeader(output, FLAG_NULL | timed, computeMillis);
            return output.toBytes();
        }
        Pool<Kryo> pool = pool(loader);
        Kryo kryo = pool.obtain();
        try {
            Output output = new Output(512, -1);
            writeHeader(output, timed, computeMillis);
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (RuntimeException | LinkageError e) {
            throw new CodecException("cannot serialize a " + value.getClass().getName() + ": " + e.getMessage(), e);
        } finally {
            pool.free(kryo);
        }
    }

    private static void writeHeader(Output output, int flags, int computeMillis) {
        output.writeByte(FORMAT);
        output.writeByte(flags);
        if ((flags & FLAG_COMPUTE_TIME) != 0) {
            output.writeByte(computeMillis >>> 24); // explicitly big-endian: Kryo's writeInt is little-endian
            output.writeByte(computeMillis >>> 16);
            output.writeByte(computeMillis >>> 8);
            output.writeByte(computeMillis);
        }
    }

    /**
     * @return the compute time an envelope carries, in milliseconds, or -1 when it carries none
     *         (written without early refresh, or not a value at all)
     */
    public static int computeMillis(byte[] envelope) {
        if (envelope.length < 2 + COMPUTE_TIME_BYTES || envelope[0] != FORMAT || (envelope[1] & FLAG_COMPUTE_TIME) == 0) {
            return -1;
        }
        return ((envelope[2] & 0xff) << 24) | ((envelope[3] & 0xff) << 16) | ((envelope[4] & 0xff) << 8) | (envelope[5] & 0xff);
    }

    public Object decode(byte[] bytes, ClassLoader loader) throws CodecException {
        if (bytes.length < 2 || bytes[0] != FORMAT) {
            throw new CodecException("unknown value format " + (bytes.length == 0 ? "(empty)" : bytes[0]), null);
        }
        int flags = bytes[1];
        int start = (flags & FLAG_COMPUTE_TIME) != 0 ? 2 + COMPUTE_TIME_BYTES : 2;
        if ((flags & ~(FLAG_NULL | FLAG_COMPUTE_TIME)) != 0 || bytes.length < start) {
            throw new CodecException("unknown flags " + flags + " for a value of " + bytes.length + " bytes", null);
        }
        if ((flags & FLAG_NULL) != 0) {
            if (bytes.length == start) {
                return null;
            }
            throw new CodecException("bytes left over after a null value: corrupt or forged", null);
        }
        Pool<Kryo> pool = pool(loader);
        Kryo kryo = pool.obtain();
        try {
            Input input = BoundedInput.over(bytes, start, bytes.length - start);
            Object value = kryo.readClassAndObject(input);
            if (input.position() != bytes.length) {
                throw new CodecException("bytes left over after the value: corrupt or forged", null);
            }
            return value;
        } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
            // OutOfMemoryError, StackOverflowError: a last line of defence only. Declared lengths
            // are checked against the bytes before anything is allocated (BoundedInput,
            // BoundedKryo) and nesting is bounded (MAX_DEPTH), so crafted bytes raise neither;
            // PoisonedValuesTest runs with -XX:+ExitOnOutOfMemoryError to prove it.
            ClassNotAllowedException refused = refusedClass(e);
            throw new CodecException(refused != null ? refused.getMessage()
                    : "cannot deserialize (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            pool.free(kryo);
        }
    }

    private static ClassNotAllowedException refusedClass(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClassNotAllowedException) {
                return (ClassNotAllowedException) cause;
            }
        }
        return null;
    }

    private Pool<Kryo> pool(ClassLoader loader) {
        return pools.forLoader(loader);
    }

    /**
     * Initialises the agent's (relocated) Kryo without {@code sun.misc.Unsafe}, whose use JDK
     * 24+ reports on stderr. Kryo reads the un-relocated {@code kryo.unsafe} property once, when
     * its {@code Util} class initialises; the property is set only for that moment and then
     * restored, so an application's own Kryo is not affected. Call at start, before
     * application threads run.
     */
    public static void initialiseWithoutUnsafe() {
        String previous = System.getProperty("kryo.unsafe");
        System.setProperty("kryo.unsafe", "false");
        try {
            Class.forName(com.esotericsoftware.kryo.util.Util.class.getName(), true, KryoCodec.class.getClassLoader());
        } catch (ClassNotFoundException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            if (previous == null) {
                System.clearProperty("kryo.unsafe");
            } else {
                System.setProperty("kryo.unsafe", previous);
            }
        }
    }
}
