package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.CacheBridge;
import io.rediscache.agent.bridge.CachedValue;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into every cached method; references only {@code java.*} and the bridge, because
 * it runs inside application classes of any class loader.
 *
 * <p>The enter value is what {@link CacheBridge#enter} returned: {@code null} runs the body
 * uncached; a {@link CachedValue} (a hit) skips the body; anything else is a pending miss that
 * the exit advice completes by storing the body's result. When the body throws, the exit
 * advice only tells the bridge (so that callers waiting for this call's result stop waiting);
 * the exception propagates unchanged and is never cached. Both advice methods suppress their
 * own failures: the original method then runs as if uninstrumented. The receiver ({@code null}
 * for a static method) is handed over only so that early refresh can call the method again.
 */
final class CacheAdvice {

    private CacheAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = CachedValue.class, suppress = Throwable.class)
    static Object enter(@MethodId int methodId,
                        @Advice.Origin Class<?> declaringType,
                        @Advice.This(optional = true) Object self,
                        @Advice.AllArguments Object[] arguments) {
        return CacheBridge.enter(methodId, declaringType, self, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object call,
                     @Advice.Thrown Throwable thrown,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (call != null) {
            if (thrown == null) {
                returned = CacheBridge.exit(call, returned);
            } else {
                CacheBridge.thrown(call);
            }
        }
    }
}
