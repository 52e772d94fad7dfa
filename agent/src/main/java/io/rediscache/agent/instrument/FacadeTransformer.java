package io.rediscache.agent.instrument;

import java.util.ArrayList;
import java.util.List;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.DynamicType;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Binds one of the application's facades ({@code io.rediscache.Locks}, {@code Cache},
 * {@code RequestCache}) to the agent, in whatever class loader holds it: each of its private
 * static hooks, whose own body is the no-agent fallback, gets the advice that answers it through
 * the bridge. There is no registry for a facade to look the agent up in; instrumenting it is the
 * binding.
 */
final class FacadeTransformer {

    private final List<AsmVisitorWrapper> hooks = new ArrayList<>();

    /** Applies {@code advice} to the static hook {@code method} with exactly these parameter types. */
    FacadeTransformer hook(Class<?> advice, String method, Class<?>... parameterTypes) {
        hooks.add(Advice.to(AdviceClasses.describe(advice), AdviceClasses.LOCATOR).on(named(method).and(isStatic()).and(takesArguments(parameterTypes))));
        return this;
    }

    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        for (AsmVisitorWrapper hook : hooks) {
            builder = builder.visit(hook);
        }
        return builder;
    }
}
