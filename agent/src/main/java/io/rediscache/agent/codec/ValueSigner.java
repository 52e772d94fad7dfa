package io.rediscache.agent.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs stored values with {@code cache.signing.key} (HMAC-SHA256), so that values written by
 * anyone without the key are rejected: a writable Redis then cannot plant even well-formed
 * values of allowed types.
 *
 * <p>A signed value is the codec's envelope with the {@link #FLAG_SIGNED} bit set, followed by
 * the 32-byte MAC over the Redis key, a zero byte and the envelope. Binding the key means a
 * valid value copied to another key is rejected too. Checked in constant time. Without a
 * signing key this class is {@link #none()}: values pass unchanged, and signed ones are
 * refused by the codec (unknown flag).
 */
public final class ValueSigner {

    static final int FLAG_SIGNED = 2;
    private static final int MAC_BYTES = 32;

    private final byte[] secret;
    private final ThreadLocal<Mac> macs;

    private ValueSigner(byte[] secret) {
        this.secret = secret;
        this.macs = secret == null ? null : ThreadLocal.withInitial(this::newMac);
    }

    /** No signing: values are stored and read as the codec makes them. */
    public static ValueSigner none() {
        return new ValueSigner(null);
    }

    /** @param secret {@code cache.signing.key}; never logged */
    public static ValueSigner withKey(String secret) {
        return new ValueSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isSigning() {
        return secret != null;
    }

    /** @return the envelope as stored under {@code redisKey}: signed when a key is configured */
    public byte[] seal(String redisKey, byte[] envelope) {
        if (secret == null) {
            return envelope;
        }
        byte[] sealed = Arrays.copyOf(envelope, envelope.length + MAC_BYTES);
        sealed[1] = (byte) (sealed[1] | FLAG_SIGNED);
        byte[] mac = mac(redisKey, sealed, envelope.length);
        System.arraycopy(mac, 0, sealed, envelope.length, MAC_BYTES);
        return sealed;
    }

    /**
     * @return the codec's envelope of a value read from {@code redisKey}
     * @throws CodecException when a signing key is configured and the value is unsigned, or
     *         its MAC does not match (forged, tampered, or copied from another key)
     */
    public byte[] open(String redisKey, byte[] stored) throws CodecException {
        if (secret == null) {
            return stored;
        }
        if (stored.length < 2 + MAC_BYTES || (stored[1] & FLAG_SIGNED) == 0) {
            throw new CodecException("the value is not signed with cache.signing.key", null);
        }
        int end = stored.length - MAC_BYTES;
        byte[] expected = mac(redisKey, stored, end);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(stored, end, stored.length))) {
            throw new CodecException("the value's signature does not match (tampered, or written without"
                    + " cache.signing.key, or under another key)", null);
        }
        byte[] envelope = Arrays.copyOf(stored, end);
        envelope[1] = (byte) (envelope[1] & ~FLAG_SIGNED);
        return envelope;
    }

    private byte[] mac(String redisKey, byte[] bytes, int length) {
        Mac mac = macs.get();
        mac.update(redisKey.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(bytes, 0, length);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }
}
