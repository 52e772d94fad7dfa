package io.rediscache.agent.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text encoding underneath every key: UTF-8 with a length, and no two strings alike. */
class CanonicalEncoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "EUR", "grüße", "日本語", "😀 and 𝄞", "\u0000", "\u07ff\u0800\uffff", "mixed é 😀 z"})
    void wellFormedTextIsItsUtf8BytesAfterTheirLength(String text) {
        assertArrayEquals(lengthThenUtf8(text), encoded(text));
    }

    @Test
    void randomWellFormedTextIsItsUtf8BytesAfterTheirLength() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                int codePoint;
                do {
                    codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
                } while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
                text.appendCodePoint(codePoint);
            }
            String wellFormed = text.toString();

            assertArrayEquals(lengthThenUtf8(wellFormed), encoded(wellFormed), wellFormed);
        }
    }

    @Test
    void unpairedSurrogatesAreKeptApart() {
        String[] texts = {"\uD800", "\uDBFF", "\uDC00", "\uDFFF", "?", "\uFFFD", "\uDC00\uD800", "\uD800\uDC00", "a\uD800b"};

        for (int i = 0; i < texts.length; i++) {
            for (int j = i + 1; j < texts.length; j++) {
                assertFalse(Arrays.equals(encoded(texts[i]), encoded(texts[j])),
                        "texts " + i + " and " + j + " must encode differently");
            }
        }
    }

    /**
     * The encoder makes room for a text chunk by chunk: texts longer than a chunk, with the
     * widest characters and surrogate pairs across each chunk's end, written one after another
     * into one encoder (so its buffer grows in the middle of texts), still give their UTF-8 bytes.
     */
    @Test
    void textsLongerThanAChunkWithPairsAcrossItsEndAreTheirUtf8Bytes() {
        CanonicalEncoder encoder = new CanonicalEncoder();
        ByteBuffer expected = ByteBuffer.allocate(1 << 20);
        for (int before = CanonicalEncoder.TEXT_CHUNK - 3; before <= CanonicalEncoder.TEXT_CHUNK + 1; before++) {
            for (String filler : new String[] {"a", "é", "日"}) {
                String text = filler.repeat(before) + "😀".repeat(CanonicalEncoder.TEXT_CHUNK + 2) + "z";
                encoder.writeText(text);
                expected.put(lengthThenUtf8(text));
            }
        }
        assertArrayEquals(Arrays.copyOf(expected.array(), expected.position()), Arrays.copyOf(encoder.buffer(), encoder.size()));
    }

    private static byte[] encoded(String text) {
        CanonicalEncoder encoder = new CanonicalEncoder();
        encoder.reset();
        encoder.writeText(text);
        return Arrays.copyOf(encoder.buffer(), encoder.size());
    }

    private static byte[] lengthThenUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }
}
