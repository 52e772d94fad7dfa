package io.rediscache.agent.lock;

/**
 * A lock could not be taken: it stayed taken for the whole wait, or Redis could not be asked
 * (because it failed, or because every pooled connection stayed busy: {@link #busy()}).
 */
final class LockFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;
    private final boolean busy;

    private LockFailure(String message, Throwable cause, boolean timedOut, boolean busy) {
        super(message, cause, false, false);
        this.timedOut = timedOut;
        this.busy = busy;
    }

    static LockFailure timedOut(String message) {
        return new LockFailure(message, null, true, false);
    }

    static LockFailure unavailable(String message, Throwable cause) {
        return new LockFailure(message, cause, false, false);
    }

    /** No pooled connection became free in time: Redis was not asked, and did not fail. */
    static LockFailure poolBusy(String message, Throwable cause) {
        return new LockFailure(message, cause, false, true);
    }

    boolean timedOut() {
        return timedOut;
    }

    boolean busy() {
        return busy;
    }
}
