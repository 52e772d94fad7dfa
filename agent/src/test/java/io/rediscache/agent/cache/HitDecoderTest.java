package io.rediscache.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.store.DecodedSlot;
import org.junit.jupiter.api.Test;

/**
 * A hit whose bytes the store keeps for later hits: the first decodes them and keeps the value
 * in the slot, every caller (the first included) gets its own copy of it, and the kept value
 * never reaches a caller; a value that cannot be copied is decoded for every caller; a caller
 * of another class loader decodes its own.
 */
class HitDecoderTest {

    private final KryoCodec codec = new KryoCodec(ClassAllowList.jdkOnly());
    private final HitDecoder hits = new HitDecoder(codec, ValueSigner.none());
    private final ClassLoader loader = HitDecoderTest.class.getClassLoader();

    @Test
    void theFirstHitKeepsTheDecodedValueAndEveryHitGetsItsOwnCopyOfIt() throws Exception {
        byte[] stored = codec.encode(new ArrayList<>(List.of("a")), loader);
        DecodedSlot slot = new DecodedSlot();

        @SuppressWarnings("unchecked")
        List<String> first = (List<String>) hits.value("k", stored, loader, slot);
        Object kept = slot.get(loader);
        first.add("changed by the first caller");
        @SuppressWarnings("unchecked")
        List<String> second = (List<String>) hits.value("k", stored, loader, slot);

        assertNotNull(kept);
        assertNotSame(kept, first);
        assertNotSame(kept, second);
        assertNotSame(first, second);
        assertEquals(List.of("a"), second);
        assertEquals(List.of("a"), kept);
        assertSame(kept, slot.get(loader), "the kept value is decoded once");
    }

    @Test
    void aValueThatCannotBeCopiedIsDecodedForEveryCaller() throws Exception {
        byte[] stored = codec.encode(new TreeMap<>(java.util.Map.of(1, "a")), loader);
        DecodedSlot slot = new DecodedSlot();

        Object first = hits.value("k", stored, loader, slot);
        Object second = hits.value("k", stored, loader, slot);

        assertEquals(first, second);
        assertNotSame(first, second);
    }

    @Test
    void aCallerOfAnotherClassLoaderDoesNotGetTheKeptValue() throws Exception {
        byte[] stored = codec.encode(new ArrayList<>(List.of("a")), loader);
        DecodedSlot slot = new DecodedSlot();
        hits.value("k", stored, loader, slot);

        try (URLClassLoader other = new URLClassLoader(new URL[0], loader)) {
            assertNull(slot.get(other));
            Object theirs = hits.value("k", stored, other, slot);

            assertEquals(List.of("a"), theirs);
            assertNotNull(slot.get(other));
        }
    }

    @Test
    void withoutASlotEveryHitIsDecoded() throws Exception {
        byte[] stored = codec.encode(new ArrayList<>(List.of("a")), loader);

        Object first = hits.value("k", stored, loader, null);
        Object second = hits.value("k", stored, loader, null);

        assertEquals(first, second);
        assertNotSame(first, second);
    }
}
