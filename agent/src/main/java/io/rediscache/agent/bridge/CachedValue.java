package io.rediscache.agent.bridge;

/**
 * A hit: the value the method returns without running its body. A class of its own (rather
 * than a marker object) so that the advice can skip the body with an {@code instanceof} test,
 * and so that a cached {@code null} is still a hit.
 */
public final class CachedValue {

    public final Object value;

    public CachedValue(Object value) {
        this.value = value;
    }
}
