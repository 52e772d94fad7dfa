package io.rediscache.agent.cache;

import java.util.Arrays;

/**
 * The instrumented methods by number (one registry for cached methods, one for locked ones).
 * The number is baked into each method's advice as a constant at transformation time, so a
 * call finds its metadata with one array read.
 */
public final class MethodRegistry<M> {

    private volatile Object[] methods = new Object[0];

    public synchronized int register(M method) {
        Object[] grown = Arrays.copyOf(methods, methods.length + 1);
        grown[methods.length] = method;
        methods = grown;
        return methods.length - 1;
    }

    @SuppressWarnings("unchecked")
    public M get(int id) {
        Object[] current = methods;
        return id >= 0 && id < current.length ? (M) current[id] : null;
    }

    public int size() {
        return methods.length;
    }
}
