package io.rediscache.agent.instrument;

import java.security.ProtectionDomain;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Applies {@link LocksFacadeAdvice} to {@code io.rediscache.Locks}, in whatever class loader holds it. */
final class LocksFacadeTransformer implements AgentBuilder.Transformer {

    static final String FACADE = "io.rediscache.Locks";

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module, ProtectionDomain domain) {
        return builder
                .visit(Advice.to(LocksFacadeAdvice.Acquire.class)
                        .on(named("backendAcquire").and(isStatic()).and(takesArguments(String.class, long.class, long.class))))
                .visit(Advice.to(LocksFacadeAdvice.FencingToken.class)
                        .on(named("backendFencingToken").and(isStatic()).and(takesArguments(0))))
                .visit(Advice.to(LocksFacadeAdvice.Lost.class)
                        .on(named("backendLost").and(isStatic()).and(takesArguments(0))));
    }
}
