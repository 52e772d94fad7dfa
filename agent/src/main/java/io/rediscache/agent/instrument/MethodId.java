package io.rediscache.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an advice parameter to the method's number in the
 * {@link io.rediscache.agent.cache.MethodRegistry}, inlined as a constant for each method by
 * {@link MethodIds}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface MethodId {
}
