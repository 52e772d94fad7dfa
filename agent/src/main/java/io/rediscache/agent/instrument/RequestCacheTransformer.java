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

/** Applies {@link RequestCacheAdvice} to {@code io.rediscache.RequestCache}, in whatever class loader holds it. */
final class RequestCacheTransformer implements AgentBuilder.Transformer {

    static final String FACADE = "io.rediscache.RequestCache";

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module, ProtectionDomain domain) {
        return builder
                .visit(Advice.to(RequestCacheAdvice.Open.class)
                        .on(named("backendOpen").and(isStatic()).and(takesArguments(0))))
                .visit(Advice.to(RequestCacheAdvice.Close.class)
                        .on(named("backendClose").and(isStatic()).and(takesArguments(0))));
    }
}
