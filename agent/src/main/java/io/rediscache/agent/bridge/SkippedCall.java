package io.rediscache.agent.bridge;

/**
 * The lock of a {@code @Locked(onTimeout = SKIP)} method stayed taken: the advice skips the body
 * and the method returns its type's default value.
 */
public final class SkippedCall {

    public static final SkippedCall INSTANCE = new SkippedCall();

    private SkippedCall() {
    }
}
