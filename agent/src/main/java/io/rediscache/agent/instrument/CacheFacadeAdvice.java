package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.CacheBridge;
import net.bytebuddy.asm.Advice;

/**
 * Binds the application's {@code io.rediscache.Cache} facade to the agent: its private hook
 * {@code backendClear}, whose own body is the no-agent fallback, is skipped and answered by the
 * cache engine through the bridge (as {@link LocksFacadeAdvice} does for locks).
 */
final class CacheFacadeAdvice {

    private CacheFacadeAdvice() {
    }

    /** On {@code void backendClear(String cacheName)}: clears through the agent, then skips the body. */
    static final class Clear {

        private Clear() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter(@Advice.Argument(0) String cacheName) {
            CacheBridge.clear(cacheName);
            return true;
        }
    }
}
