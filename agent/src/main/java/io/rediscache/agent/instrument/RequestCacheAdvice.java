package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.CacheBridge;
import net.bytebuddy.asm.Advice;

/**
 * Binds {@code io.rediscache.RequestCache} to the agent: its empty private hooks
 * {@code backendOpen} and {@code backendClose} open and close the calling thread's request
 * scope in the cache engine, through the bridge.
 */
final class RequestCacheAdvice {

    private RequestCacheAdvice() {
    }

    /** On {@code void backendOpen()}. */
    static final class Open {
        private Open() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            CacheBridge.openScope();
        }
    }

    /** On {@code void backendClose()}. */
    static final class Close {
        private Close() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            CacheBridge.closeScope();
        }
    }
}
