package io.rediscache.agent.lock;

/** Takes and releases named locks: in Redis, or inside this JVM when there is no Redis. */
interface LockService {

    /**
     * @param name the lock's name, arguments filled in
     * @param shown how messages name it: as written, without argument values (which may be personal data)
     * @param waitMillis how long to wait while another holder has it; 0 tries once
     * @param leaseMillis how long the lock outlives a holder that dies (renewed while held)
     * @throws LockFailure when the lock stayed taken for the whole wait, or cannot be asked for
     */
    HeldLock acquire(String name, String shown, long waitMillis, long leaseMillis) throws LockFailure;

    /** Releases the lock if this acquisition still owns it; never throws. */
    void release(HeldLock lock);

    /** For the start-up log. */
    String describe();
}
