package io.rediscache.agent.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.LocalStore;
import io.rediscache.agent.store.StoredValue;

/**
 * An in-process store for the engine's tests: counts lookups and writes, can run something
 * inside the next lookup (after the store was read, before the reply returns, the window a
 * Redis round trip leaves open), and can hold writes at a gate until the test opens it.
 */
final class TestStore implements CacheStore {

    final LocalStore inner = new LocalStore(1 << 20);
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger writesDone = new AtomicInteger();
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile Runnable duringNextGet;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** Writes wait until {@link #openGate}. */
    void closeGate() {
        gate = new CountDownLatch(1);
    }

    void openGate() {
        gate.countDown();
    }

    @Override
    public byte[] get(String key) {
        gets.incrementAndGet();
        byte[] found = inner.get(key);
        Runnable during = duringNextGet;
        duringNextGet = null;
        if (during != null) {
            during.run();
        }
        return found;
    }

    @Override
    public StoredValue getWithTtl(String key) {
        throw new AssertionError("early refresh is off");
    }

    @Override
    public boolean tryLock(String lockKey, String token, long leaseMillis) {
        throw new AssertionError("the loading lock is off");
    }

    @Override
    public void unlock(String lockKey, String token) {
        throw new AssertionError("the loading lock is off");
    }

    @Override
    public boolean setIfUnchanged(String key, byte[] value, long ttlMillis, byte[] seen) {
        passGate();
        try {
            return inner.setIfUnchanged(key, value, ttlMillis, seen);
        } finally {
            writesDone.incrementAndGet();
        }
    }

    @Override
    public void set(String key, byte[] value, long ttlMillis) {
        passGate();
        inner.set(key, value, ttlMillis);
        writesDone.incrementAndGet();
    }

    private void passGate() {
        firstWriteStarted.countDown();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void evict(String key, long guardMillis) {
        inner.evict(key, guardMillis);
    }

    @Override
    public long generation(String cacheName) {
        return inner.generation(cacheName);
    }

    @Override
    public long clear(String cacheName, String keyPrefix) {
        return inner.clear(cacheName, keyPrefix);
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String describe() {
        return "test store over " + inner.describe();
    }
}
