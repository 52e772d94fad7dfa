package io.rediscache.agent.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Locks inside this JVM only, for the embedded mode without {@code redis.url}: correct between
 * the threads of one JVM, meaningless between JVMs (said at start). No lease: a holder that
 * dies takes the JVM with it.
 */
final class LocalLockService implements LockService {

    private final ConcurrentMap<String, String> holders = new ConcurrentHashMap<>();
    private final AtomicLong fencing = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public HeldLock acquire(String name, String shown, long waitMillis, long leaseMillis) throws LockFailure {
        String token = Long.toString(tokens.incrementAndGet());
        Backoff backoff = new Backoff(waitMillis);
        while (holders.putIfAbsent(name, token) != null) {
            if (!backoff.pause()) {
                throw LockFailure.timedOut("lock '" + shown + "' is held by another thread of this JVM");
            }
        }
        return new HeldLock(name, shown, name, token, fencing.incrementAndGet(), leaseMillis, System.nanoTime());
    }

    @Override
    public void release(HeldLock lock) {
        holders.remove(lock.key, lock.token);
    }

    @Override
    public String describe() {
        return "in this JVM only (no redis.url set)";
    }
}
