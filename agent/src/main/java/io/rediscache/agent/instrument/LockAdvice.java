package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.LockBridge;
import io.rediscache.agent.bridge.SkippedCall;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every {@code @Locked} method; references only {@code java.*} and the bridge.
 *
 * <p>The enter advice takes the lock and does NOT suppress failures: when the lock cannot be
 * had, the application's {@code LockTimeoutException} or {@code LockUnavailableException}
 * propagates and the body never runs (locks fail closed). Its value is the held lock, or a
 * {@link SkippedCall}, which skips the body (the method returns its type's default). The exit
 * advice releases the lock whether the body returned or threw, and never throws itself, so the
 * body's own result or exception reaches the caller unchanged.
 */
final class LockAdvice {

    private LockAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = SkippedCall.class)
    static Object enter(@MethodId int methodId,
                        @Advice.Origin Class<?> declaringType,
                        @Advice.AllArguments Object[] arguments) {
        return LockBridge.acquire(methodId, declaringType, arguments);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object held) {
        LockBridge.release(held);
    }
}
