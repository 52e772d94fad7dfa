package io.rediscache.agent.cache;

import java.util.Arrays;

/**
 * The instrumented methods by number. The number is baked into each method's advice as a
 * constant at transformation time, so a call finds its metadata with one array read.
 */
public final class MethodRegistry {

    private volatile CachedMethod[] methods = new CachedMethod[0];

    public synchronized int register(CachedMethod method) {
        CachedMethod[] grown = Arrays.copyOf(methods, methods.length + 1);
        grown[methods.length] = method;
        methods = grown;
        return methods.length - 1;
    }

    CachedMethod get(int id) {
        CachedMethod[] current = methods;
        return id >= 0 && id < current.length ? current[id] : null;
    }

    public int size() {
        return methods.length;
    }
}
