package io.rediscache.it.values;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/**
 * A "legacy" service whose cached methods return every kind of value: one method per
 * primitive return type, and {@link #value} for all reference kinds. Each body counts its
 * runs per kind, which is how the app tells a hit (body skipped) from a miss.
 */
public class ValueService {

    private static final ConcurrentHashMap<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    public static int runs(String kind) {
        return RUNS.computeIfAbsent(kind, k -> new AtomicInteger()).get();
    }

    private static Object ran(String kind) {
        RUNS.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        return ValueKinds.expected(kind);
    }

    @RedisCache(name = "values")
    public Object value(String kind) {
        return ran(kind);
    }

    @RedisCache(name = "primitives")
    public int anInt() {
        return (Integer) ran("int");
    }

    @RedisCache(name = "primitives")
    public long aLong() {
        return (Long) ran("long");
    }

    @RedisCache(name = "primitives")
    public double aDouble() {
        return (Double) ran("double");
    }

    @RedisCache(name = "primitives")
    public float aFloat() {
        return (Float) ran("float");
    }

    @RedisCache(name = "primitives")
    public boolean aBoolean() {
        return (Boolean) ran("boolean");
    }

    @RedisCache(name = "primitives")
    public char aChar() {
        return (Character) ran("char");
    }

    @RedisCache(name = "primitives")
    public byte aByte() {
        return (Byte) ran("byte");
    }

    @RedisCache(name = "primitives")
    public short aShort() {
        return (Short) ran("short");
    }

    /** A declared box type (not Object) whose cached value is {@code null}. */
    @RedisCache(name = "primitives")
    public Integer aNullBox() {
        return (Integer) ran("nullInteger");
    }
}
