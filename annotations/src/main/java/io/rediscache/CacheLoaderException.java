package io.rediscache;

/**
 * Thrown by {@link Cache#get(String, java.util.concurrent.Callable)} and its variants when the
 * loader failed; the cause is what the loader threw. Nothing is stored for that key.
 */
public class CacheLoaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CacheLoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
