package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.CacheBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every method after which caches are evicted ({@code @EvictCache}, or an
 * {@code evict.method.*} entry). Exit advice only, and only on a normal return: when the body
 * throws, nothing is evicted and the exception propagates unchanged. References only
 * {@code java.*} and the bridge; suppresses its own failures.
 */
final class EvictAdvice {

    private EvictAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@MethodId int methodId, @Advice.AllArguments Object[] arguments) {
        CacheBridge.evict(methodId, arguments);
    }
}
