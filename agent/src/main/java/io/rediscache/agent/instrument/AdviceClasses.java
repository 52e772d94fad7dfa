package io.rediscache.agent.instrument;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Describes the agent's advice classes to Byte Buddy from their class files rather than by
 * reflection: reflection makes the JDK generate a proxy class for every annotation it reads
 * ({@code @Advice.OnMethodEnter}, {@code @Advice.Return}, …), and generating those was a visible
 * part of the agent's start-up. Nothing is lost: Byte Buddy reads the annotation values from the
 * class file either way.
 */
final class AdviceClasses {

    static final ClassFileLocator LOCATOR = ClassFileLocator.ForClassLoader.of(AdviceClasses.class.getClassLoader());
    static final TypePool POOL = TypePool.Default.of(LOCATOR);

    private AdviceClasses() {
    }

    static TypeDescription describe(Class<?> adviceClass) {
        return POOL.describe(adviceClass.getName()).resolve();
    }
}
