package io.rediscache;

/**
 * The lock of a {@link Locked} method (or of {@code Locks}) stayed taken by another holder for
 * the whole wait; the body did not run.
 */
public class LockTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }
}
