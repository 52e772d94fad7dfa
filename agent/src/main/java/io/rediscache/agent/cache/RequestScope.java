package io.rediscache.agent.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * The thread's open {@code io.rediscache.RequestCache} scope, if any: the bytes of the values
 * it read or wrote, by Redis key (hash fields by key and field), so each is fetched at most
 * once per scope. Bytes, not objects: a hit decodes again and every caller gets its own copy.
 * Scopes nest by depth; the outermost close forgets everything.
 */
final class RequestScope {

    private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

    private final Map<String, byte[]> values = new HashMap<>();
    private int depth;

    private RequestScope() {
    }

    static void open() {
        RequestScope scope = CURRENT.get();
        if (scope == null) {
            scope = new RequestScope();
            CURRENT.set(scope);
        }
        scope.depth++;
    }

    static void close() {
        RequestScope scope = CURRENT.get();
        if (scope != null && --scope.depth <= 0) {
            CURRENT.remove();
        }
    }

    /** @return the thread's open scope, or {@code null} */
    static RequestScope current() {
        return CURRENT.get();
    }

    /** @return the remembered bytes of {@code key}, or {@code null} */
    byte[] get(String key) {
        return values.get(key);
    }

    void remember(String key, byte[] bytes) {
        values.put(key, bytes);
    }

    void forget(String key) {
        values.remove(key);
    }

    void forgetAll() {
        values.clear();
    }

    /** The scope key of a hash field. */
    static String field(String hashKey, String field) {
        return hashKey + "\u0000" + field;
    }
}
