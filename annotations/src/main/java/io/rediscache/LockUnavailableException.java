package io.rediscache;

/**
 * A lock could not be taken because Redis could not be asked (unreachable, timed out, failing);
 * the body did not run. Locks fail closed: a critical section never runs unlocked. The cause
 * says what went wrong.
 */
public class LockUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
