package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.LockBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Binds the application's {@code io.rediscache.Locks} facade to the agent: its private
 * hooks ({@code backendAcquire}, {@code backendFencingToken}, {@code backendLost}), whose own bodies are the
 * JVM-local fallback, are skipped and answered by the lock engine through the bridge. There is
 * no registry for the facade to look the agent up in; instrumenting it is the binding.
 */
final class LocksFacadeAdvice {

    private LocksFacadeAdvice() {
    }

    /** On {@code AutoCloseable backendAcquire(String name, long waitMillis, long leaseMillis)}. */
    static final class Acquire {

        private Acquire() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static AutoCloseable enter(@Advice.Argument(0) String name,
                                   @Advice.Argument(1) long waitMillis,
                                   @Advice.Argument(2) long leaseMillis,
                                   @Advice.Origin Class<?> facade) {
            return LockBridge.acquireNamed(name, waitMillis, leaseMillis, facade);
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter AutoCloseable held,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) AutoCloseable returned) {
            if (held != null) {
                returned = held;
            }
        }
    }

    /** On {@code long backendFencingToken()}. */
    static final class FencingToken {

        private FencingToken() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return true;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) long token) {
            token = LockBridge.fencingToken();
        }
    }

    /** On {@code int backendLost()}. */
    static final class Lost {

        private Lost() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static boolean enter() {
            return true;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) int lost) {
            lost = LockBridge.lost();
        }
    }
}
