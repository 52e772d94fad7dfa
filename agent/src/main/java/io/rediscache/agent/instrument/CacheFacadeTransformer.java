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

/** Applies {@link CacheFacadeAdvice} to {@code io.rediscache.Cache}, in whatever class loader holds it. */
final class CacheFacadeTransformer implements AgentBuilder.Transformer {

    static final String FACADE = "io.rediscache.Cache";

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module, ProtectionDomain domain) {
        return builder.visit(Advice.to(CacheFacadeAdvice.class)
                .on(named("backend").and(isStatic())
                        .and(takesArguments(int.class, String.class, String.class, Object.class, long.class, Object.class))));
    }
}
