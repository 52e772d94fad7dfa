package io.rediscache.agent.instrument;

import io.rediscache.agent.bridge.CacheBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Binds the application's {@code io.rediscache.Cache} facade to the agent: its one private
 * hook, {@code backend(int operation, String key, String field, Object value, long ttlMillis,
 * Object extra)}, whose own body is the in-process fallback, is answered by the cache engine
 * through the bridge and skipped. When the bridge answers {@code null} (no Redis backend) the
 * body runs. There is no registry for the facade to look the agent up in; instrumenting it is
 * the binding (as {@link LocksFacadeAdvice} does for locks).
 */
final class CacheFacadeAdvice {

    private CacheFacadeAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(@Advice.Argument(0) int operation,
                        @Advice.Argument(1) String key,
                        @Advice.Argument(2) String field,
                        @Advice.Argument(3) Object value,
                        @Advice.Argument(4) long ttlMillis,
                        @Advice.Argument(5) Object extra,
                        @Advice.Origin Class<?> facade) {
        return CacheBridge.api(operation, key, field, value, ttlMillis, extra, facade);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Object answer,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
        if (answer != null) {
            returned = answer;
        }
    }
}
