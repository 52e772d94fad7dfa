package io.rediscache.agent.lock;

/** A lock could not be taken: it stayed taken for the whole wait, or Redis could not be asked. */
final class LockFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    private LockFailure(String message, Throwable cause, boolean timedOut) {
        super(message, cause, false, false);
        this.timedOut = timedOut;
    }

    static LockFailure timedOut(String message) {
        return new LockFailure(message, null, true);
    }

    static LockFailure unavailable(String message, Throwable cause) {
        return new LockFailure(message, cause, false);
    }

    boolean timedOut() {
        return timedOut;
    }
}
