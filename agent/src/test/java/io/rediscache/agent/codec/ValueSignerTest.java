package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** cache.signing.key: a sealed value opens under its key only, and every tampered byte is caught. */
class ValueSignerTest {

    private static final String SECRET = "0123456789abcdef-secret";
    private final KryoCodec codec = new KryoCodec(ClassAllowList.jdkOnly());
    private final ValueSigner signer = ValueSigner.withKey(SECRET);

    @Test
    void aSealedValueOpensUnderItsKey() throws Exception {
        byte[] envelope = codec.encode("a value", getClass().getClassLoader());
        byte[] sealed = signer.seal("app|prices|k1", envelope);

        assertEquals(envelope.length + 32, sealed.length);
        assertArrayEquals(envelope, signer.open("app|prices|k1", sealed));
        assertEquals("a value", codec.decode(signer.open("app|prices|k1", sealed), getClass().getClassLoader()));
    }

    @Test
    void everySingleBitFlipIsRejected() throws Exception {
        byte[] sealed = signer.seal("k", codec.encode("a value of some length", getClass().getClassLoader()));
        int rejected = 0;
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) (1 << bit);
                try {
                    signer.open("k", tampered);
                } catch (CodecException expected) {
                    rejected++;
                }
            }
        }
        assertEquals(sealed.length * 8, rejected, "every one of the " + sealed.length * 8 + " flips");
    }

    @Test
    void aValueCopiedToAnotherKeyIsRejected() throws Exception {
        byte[] sealed = signer.seal("app|prices|k1", codec.encode("a value", getClass().getClassLoader()));

        assertThrows(CodecException.class, () -> signer.open("app|prices|k2", sealed));
    }

    @Test
    void unsignedValuesAndValuesSignedWithAnotherKeyAreRejected() throws Exception {
        byte[] envelope = codec.encode("a value", getClass().getClassLoader());

        assertThrows(CodecException.class, () -> signer.open("k", envelope));
        byte[] otherKey = ValueSigner.withKey("another secret, 16+ characters").seal("k", envelope);
        assertThrows(CodecException.class, () -> signer.open("k", otherKey));
    }

    @Test
    void withoutAKeyValuesPassThroughAndSignedOnesAreUnknownToTheCodec() throws Exception {
        byte[] envelope = codec.encode("a value", getClass().getClassLoader());
        ValueSigner none = ValueSigner.none();

        assertArrayEquals(envelope, none.open("k", none.seal("k", envelope)));
        byte[] sealed = signer.seal("k", envelope);
        CodecException unknown = assertThrows(CodecException.class, () -> codec.decode(none.open("k", sealed),
                getClass().getClassLoader()));
        assertTrue(unknown.getMessage().contains("unknown flags"), unknown.getMessage());
    }
}
