package io.rediscache.agent.codec;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Kryo's input over a stored value, refusing any declared length the value's own bytes cannot
 * back. Kryo allocates a string's characters and a primitive array before reading them, so
 * crafted bytes claiming 2^31 elements made it request gigabytes: an {@code OutOfMemoryError},
 * which a JVM run with {@code -XX:+ExitOnOutOfMemoryError} (common in containers) or
 * {@code -XX:+HeapDumpOnOutOfMemoryError} turns into an outage. Every element, character
 * included, takes at least one byte, so a length larger than the bytes left is refused with a
 * {@link KryoException} (a corrupt value: a miss) before anything is allocated; at most the
 * value's size times eight bytes (a {@code long[]}) is ever allocated for it.
 */
final class BoundedInput extends Input {

    BoundedInput(byte[] bytes, int offset, int count) {
        super(bytes, offset, count);
    }

    /**
     * A bounded input over {@code count} bytes from {@code offset}, typed as Kryo's {@link Input}:
     * a caller that wrote {@code new BoundedInput(…)} and handed it on as an {@code Input} would
     * make the JVM load both classes with its own, and {@link KryoCodec} is loaded in premain.
     */
    static Input over(byte[] bytes, int offset, int count) {
        return new BoundedInput(bytes, offset, count);
    }

    /** Fails unless {@code count} elements of at least one byte each can follow. */
    void requireBacked(long count, String what) {
        if (count > limit - position) {
            throw new KryoException(what + " declares " + count + " elements, more than the " + (limit - position)
                    + " bytes left in the value: corrupt or forged");
        }
    }

    @Override
    public String readString() {
        checkStringLength();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength();
        return super.readStringBuilder();
    }

    /** A string not in Kryo's ASCII form starts with its character count + 1 as a flagged varint. */
    private void checkStringLength() {
        if (position < limit && (buffer[position] & 0x80) != 0) {
            int start = position;
            int countPlusOne = readVarIntFlag(true);
            position = start;
            requireBacked(countPlusOne - 1L, "a string");
        }
    }

    @Override
    public byte[] readBytes(int length) {
        requireBacked(length, "a byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        requireBacked(length, "an int array");
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireBacked(length, "an int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireBacked(length, "a long array");
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireBacked(length, "a long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        requireBacked(length, "a float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireBacked(length, "a double array");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireBacked(length, "a short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireBacked(length, "a char array");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireBacked(length, "a boolean array");
        return super.readBooleans(length);
    }
}
