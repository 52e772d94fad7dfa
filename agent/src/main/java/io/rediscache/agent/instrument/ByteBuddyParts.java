package io.rediscache.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;

/**
 * The parts of the instrumentation that depend on nothing configured: Byte Buddy set up for
 * decorating classes, and the parsed advice. Building them loads and runs most of Byte Buddy for
 * the first time (about 200 ms on a small machine), so {@link Instrumenter#prepareInBackground}
 * starts it as early as the agent's start allows, while the rest of the agent is still being set
 * up on the premain thread.
 */
final class ByteBuddyParts {

    final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED) // the advice is the agent's own, checked by its tests; validation is pure cost
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    final MethodIds methodIds = new MethodIds();
    final Advice cacheAdvice = advice(CacheAdvice.class);
    final Advice lockAdvice = advice(LockAdvice.class);
    final Advice evictAdvice = advice(EvictAdvice.class);

    private Advice advice(Class<?> adviceClass) {
        return Advice.withCustomMapping()
                .bind(MethodId.class, methodIds)
                .to(AdviceClasses.describe(adviceClass), AdviceClasses.LOCATOR);
    }
}
