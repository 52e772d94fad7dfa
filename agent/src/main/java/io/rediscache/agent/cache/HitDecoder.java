package io.rediscache.agent.cache;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.codec.CodecException;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.NotCopyableException;
import io.rediscache.agent.codec.ValueCopier;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.store.DecodedSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hit's value, the caller's own: decoded from the stored bytes (signature checked first), or,
 * when the store keeps those bytes for later hits (the near tier, {@link DecodedSlot}), copied
 * ({@link ValueCopier}) from the value decoded from them the first time, which is a fraction of
 * the cost. The kept value never reaches a caller. A value the copier cannot copy is decoded on
 * every hit, as before, and said once per class at INFO.
 */
final class HitDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(HitDecoder.class);
    /** Kept in a slot when its value cannot be copied: later hits decode without trying again. */
    private static final Object NOT_COPYABLE = new Object();

    private final KryoCodec codec;
    private final ValueSigner signer;
    private final ValueCopier copier = new ValueCopier();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    HitDecoder(KryoCodec codec, ValueSigner signer) {
        this.codec = codec;
        this.signer = signer;
    }

    /** @param slot where the value decoded from {@code stored} is kept, or {@code null}: decode */
    Object value(String key, byte[] stored, ClassLoader loader, DecodedSlot slot) throws CodecException {
        Object kept = slot == null ? NOT_COPYABLE : slot.get(loader);
        if (kept != null && kept != NOT_COPYABLE) {
            try {
                return copier.copy(kept);
            } catch (NotCopyableException e) {
                // copied before, so its shape is known; reflection failed now: decode from here on
                kept = NOT_COPYABLE;
                slot.set(loader, NOT_COPYABLE);
            }
        }
        Object decoded = codec.decode(signer.open(key, stored), loader);
        if (kept == NOT_COPYABLE || decoded == null) {
            return decoded;
        }
        try {
            Object copy = copier.copy(decoded);
            slot.set(loader, decoded);
            return copy;
        } catch (NotCopyableException e) {
            slot.set(loader, NOT_COPYABLE);
            if (reported.add(decoded.getClass().getName())) {
                LOG.info("Near hits of {} values are decoded afresh for each caller (about 5 times the cost of a copy):"
                        + " {}", decoded.getClass().getName(), e.getMessage());
            }
            return decoded;
        }
    }
}
