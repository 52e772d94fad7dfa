package io.rediscache.it.keys;

import io.rediscache.CacheKey;
import io.rediscache.RedisCache;

/**
 * Methods that share one cache name and take the same arguments: two overloads (the second's
 * extra parameter is not part of the key, so both key on exactly the same values), another
 * method with the same parameter types, and (in {@link OtherTupleService}) a method of the
 * same name and parameters in another class. None may ever be served another's entry.
 * A body run returns {@code <jvm>/<method>/<tuple index>}.
 */
public class TupleService {

    static volatile String label = "?";
    static volatile int index;
    static int runs;

    @RedisCache(name = "tuples")
    public String first(Object a, Object b) {
        return ran("first2");
    }

    @RedisCache(name = "tuples")
    public String first(@CacheKey Object a, @CacheKey Object b, long requestId) {
        return ran("first3");
    }

    @RedisCache(name = "tuples")
    public String second(Object a, Object b) {
        return ran("second");
    }

    static String ran(String method) {
        runs++;
        return label + "/" + method + "/" + index;
    }

    /** The same method name, parameters and cache name, in another class. */
    public static class OtherTupleService {
        @RedisCache(name = "tuples")
        public String first(Object a, Object b) {
            return ran("other");
        }
    }
}
