package io.rediscache.agent.store;

/** The store could not answer (unreachable, timed out, error reply, or breaker open). */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
