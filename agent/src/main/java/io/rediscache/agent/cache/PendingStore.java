package io.rediscache.agent.cache;

/**
 * A miss in progress: where to store the body's result, and what the lookup found there
 * (nothing, a tombstone, or an unreadable value to overwrite). Unless overwriting, the
 * result is stored only if the key still holds what was found: an eviction during the body
 * wins over the result it may have computed from older data. With single flight, also the
 * flight this call leads (its waiting callers get what it stores), and when the body started
 * (early refresh stores the compute time with the value).
 */
final class PendingStore {
    final CachedMethod method;
    final String key;
    final Class<?> declaringType;
    final byte[] seen;
    final boolean overwrite;
    final long startNanos = System.nanoTime();
    SingleFlight.Flight flight;

    PendingStore(CachedMethod method, String key, Class<?> declaringType, byte[] seen, boolean overwrite,
                 SingleFlight.Flight flight) {
        this.method = method;
        this.key = key;
        this.declaringType = declaringType;
        this.seen = seen;
        this.overwrite = overwrite;
        this.flight = flight;
    }
}
