package io.rediscache.agent.key;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Builds cache keys: {@code {namespace}|{cache name}|{hash}}, where the hash is the first 128
 * bits (32 hex digits) of SHA-256 over the method's identity, the key format version and the
 * canonical encoding ({@link CanonicalEncoder}) of the key arguments.
 *
 * <p>SHA-256 rather than a fast non-cryptographic hash: arguments may come from users, and a
 * key collision would serve one caller's result to another. Per-thread digest and buffer keep
 * the hot path free of allocation beyond the key string itself; a cached method encodes the
 * start of its hash input (format and identity) once, not on every call ({@link #identityPrefix}).
 */
public final class ArgumentHasher {

    /** Bump when the canonical encoding changes, so old entries are simply never read again. */
    static final String KEY_FORMAT = "k1";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final ThreadLocal<State> STATE = new ThreadLocal<State>() {
        @Override
        protected State initialValue() {
            return new State();
        }
    };

    private ArgumentHasher() {
    }

    /**
     * @param keyPrefix {@code {namespace}|{cache name}|}
     * @param methodIdentity declaring class, method name and descriptor: keeps overloads and methods sharing a cache name apart
     * @param arguments all arguments of the call
     * @param keyParameters the indexes of the arguments that make up the key
     * @throws UnkeyableParameterException naming the parameter that has no canonical form
     */
    public static String key(String keyPrefix, String methodIdentity, Object[] arguments, int[] keyParameters)
            throws UnkeyableParameterException {
        State state = STATE.get();
        state.encoder.reset();
        state.encoder.writeText(KEY_FORMAT);
        state.encoder.writeText(methodIdentity);
        return finish(state, keyPrefix, arguments, keyParameters);
    }

    /**
     * As {@link #key(String, String, Object[], int[])}, with the identity encoded beforehand: the
     * same key, without encoding the identity again on every call.
     *
     * @param identityPrefix {@link #identityPrefix} of the method identity
     */
    public static String key(String keyPrefix, byte[] identityPrefix, Object[] arguments, int[] keyParameters)
            throws UnkeyableParameterException {
        State state = STATE.get();
        state.encoder.reset();
        state.encoder.writeRaw(identityPrefix);
        return finish(state, keyPrefix, arguments, keyParameters);
    }

    /** The start of the hash input of every key of {@code methodIdentity}: the key format and the identity, encoded. */
    public static byte[] identityPrefix(String methodIdentity) {
        CanonicalEncoder encoder = new CanonicalEncoder();
        encoder.writeText(KEY_FORMAT);
        encoder.writeText(methodIdentity);
        return Arrays.copyOf(encoder.buffer(), encoder.size());
    }

    private static String finish(State state, String keyPrefix, Object[] arguments, int[] keyParameters)
            throws UnkeyableParameterException {
        CanonicalEncoder encoder = state.encoder;
        for (int index : keyParameters) {
            try {
                encoder.writeValue(arguments[index]);
            } catch (UnkeyableArgumentException e) {
                throw new UnkeyableParameterException(index, e.getMessage());
            }
        }
        MessageDigest digest = state.digest;
        digest.update(encoder.buffer(), 0, encoder.size());
        byte[] hash = state.hash;
        try {
            digest.digest(hash, 0, hash.length);
        } catch (DigestException impossible) {
            throw new IllegalStateException("SHA-256 writes 32 bytes", impossible);
        }
        char[] key = new char[keyPrefix.length() + 32];
        keyPrefix.getChars(0, keyPrefix.length(), key, 0);
        int at = keyPrefix.length();
        for (int i = 0; i < 16; i++) {
            key[at++] = HEX[(hash[i] >> 4) & 0xf];
            key[at++] = HEX[hash[i] & 0xf];
        }
        return new String(key);
    }

    private static final class State {
        final CanonicalEncoder encoder = new CanonicalEncoder();
        final MessageDigest digest;
        final byte[] hash = new byte[32];

        State() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }
}
