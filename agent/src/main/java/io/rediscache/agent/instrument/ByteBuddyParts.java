package io.rediscache.agent.instrument;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * The parts of the instrumentation that depend on nothing configured: Byte Buddy set up for
 * decorating classes, and the parsed advice. Building them loads and runs most of Byte Buddy for
 * the first time (about 200 ms on a small machine), so {@link ByteBuddyPreparation} starts it
 * first thing in the agent's start, while the rest of the agent is still being set up on the
 * premain thread. Nothing here logs: logging may not be set up yet.
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
    /** Why warming up failed, for {@link ByteBuddyTransformer} to log once logging is set up; {@code null} if it did not. */
    volatile String warmUpFailure;

    /**
     * Writes {@link WarmUpTarget} with cache, lock and evict advice and throws the result away:
     * the classes and code paths of Byte Buddy's class writer are then loaded and run once on
     * this background thread instead of on the thread that loads the first instrumented class.
     */
    ByteBuddyParts warmUp() {
        TypeDescription target = AdviceClasses.describe(WarmUpTarget.class);
        DynamicType.Builder<?> builder = byteBuddy.decorate(target, AdviceClasses.LOCATOR);
        Advice[] advice = {cacheAdvice, lockAdvice, evictAdvice};
        int next = 0;
        for (MethodDescription.InDefinedShape method : target.getDeclaredMethods().filter(not(isConstructor()))) {
            methodIds.assign(method, 0);
            builder = builder.visit(advice[next++ % advice.length].on(is(method)));
        }
        try {
            builder.make(AdviceClasses.POOL).getBytes();
        } catch (RuntimeException | LinkageError e) {
            // only a head start is lost; were Byte Buddy broken, the first real class would say so
            warmUpFailure = e.toString();
        } finally {
            methodIds.clear();
        }
        return this;
    }

    private Advice advice(Class<?> adviceClass) {
        return Advice.withCustomMapping()
                .bind(MethodId.class, methodIds)
                .to(AdviceClasses.describe(adviceClass), AdviceClasses.LOCATOR);
    }
}
