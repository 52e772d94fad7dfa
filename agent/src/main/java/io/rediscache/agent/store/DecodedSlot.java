package io.rediscache.agent.store;

import java.lang.ref.SoftReference;

/**
 * What the caching engine decoded from one near entry's bytes, kept beside them so that the
 * entry's later hits copy that value instead of decoding the bytes again. The store never looks
 * inside. Held softly: when memory runs short the collector drops it (and with it the class
 * loader of its classes, which a redeployed application must be able to lose), and the next hit
 * decodes again; the bytes remain the truth. Tagged with the class loader it was decoded
 * through, so a caller of another loader never gets objects of classes it cannot use.
 */
public final class DecodedSlot {

    private volatile SoftReference<Decoded> decoded;

    /** @return what {@link #set} kept for {@code loader}, or {@code null} */
    public Object get(ClassLoader loader) {
        SoftReference<Decoded> reference = decoded;
        Decoded kept = reference == null ? null : reference.get();
        return kept != null && kept.loader == loader ? kept.value : null;
    }

    public void set(ClassLoader loader, Object value) {
        decoded = new SoftReference<Decoded>(new Decoded(loader, value));
    }

    private static final class Decoded {
        final ClassLoader loader;
        final Object value;

        Decoded(ClassLoader loader, Object value) {
            this.loader = loader;
            this.value = value;
        }
    }
}
