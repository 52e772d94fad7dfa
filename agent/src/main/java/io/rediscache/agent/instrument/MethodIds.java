package io.rediscache.agent.instrument;

import java.util.HashMap;
import java.util.Map;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * What an advice parameter annotated {@link MethodId} receives: the registry number of the
 * method the advice is being inlined into, as a constant. The numbers of a class's methods are
 * {@linkplain #assign assigned} on the transforming thread before Byte Buddy writes the class,
 * so one {@link Advice} per advice class serves every method; building (and parsing) the advice
 * again for each method was a large part of what instrumenting a class cost at start-up.
 */
final class MethodIds implements Advice.OffsetMapping {

    private final ThreadLocal<Map<String, Integer>> assigned = new ThreadLocal<Map<String, Integer>>() {
        @Override
        protected Map<String, Integer> initialValue() {
            return new HashMap<>();
        }
    };

    /** The number that advice inlined into {@code method} on this thread gets, until {@link #clear()}. */
    void assign(MethodDescription method, int id) {
        assigned.get().put(key(method), id);
    }

    /** Forgets this thread's numbers, once the class is written. */
    void clear() {
        assigned.get().clear();
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        Integer id = assigned.get().get(key(instrumentedMethod));
        if (id == null) {
            // advice is only applied to methods that were given a number: reaching this is a bug,
            // which fails this class's transformation (it then runs unchanged), never a wrong number.
            throw new IllegalStateException("no method number assigned to " + instrumentedMethod);
        }
        return new Target.ForStackManipulation(IntegerConstant.forValue(id));
    }

    private static String key(MethodDescription method) {
        return method.getName() + method.getDescriptor();
    }
}
