package io.rediscache;

/**
 * A request scope for the cache (the reference framework's {@code frappe.local.cache}): while
 * it is open on a thread, every value that thread reads or writes through {@link RedisCache}
 * methods and {@link Cache} is also remembered in memory, so each key is fetched from Redis at
 * most once in the scope. Nothing survives the scope.
 *
 * <pre>{@code
 * try (RequestCache scope = RequestCache.open()) {   // e.g. in a servlet filter, around one request
 *     handle(request);                               // repeated lookups of one key: one Redis round trip
 * }
 * }</pre>
 *
 * <p>Values stay copies: a hit in the scope decodes the remembered bytes again, so callers
 * never share an object. Deletes, evictions and clears made on the thread also forget what the
 * scope remembered. Changes made by other threads or JVMs during the scope are not seen until
 * it closes: keep scopes as short as one request. Scopes nest (the outermost close ends it).
 * Close it on the thread that opened it. Without the agent the cache is in memory anyway, and a
 * scope changes nothing.
 */
public final class RequestCache implements AutoCloseable {

    private boolean closed;

    private RequestCache() {
    }

    /** Opens a scope on the calling thread; close it (try-with-resources) on the same thread. */
    public static RequestCache open() {
        backendOpen();
        return new RequestCache();
    }

    /** Ends this scope (once; later calls do nothing). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backendClose();
        }
    }

    /** Replaced by the agent when it is attached. Without it there is nothing to remember beyond memory. */
    private static void backendOpen() {
    }

    /** Replaced by the agent when it is attached. */
    private static void backendClose() {
    }
}
