package io.rediscache.agent.lock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rediscache.agent.store.RedisConnection;
import io.rediscache.agent.store.RedisSubscription;
import redis.clients.jedis.JedisPubSub;

/**
 * Wakes the waiters of a lock as soon as its holder releases it, in any JVM: the release
 * script publishes on a channel named after the lock's key, and one subscriber thread per JVM
 * ({@code PSUBSCRIBE {namespace}|lock|*}) notifies the local waiters of that key.
 *
 * <p>A notification only shortens a wait; it is never needed for correctness. A waiter still
 * wakes up after its back-off pause (at most 50 ms) to try again, which covers a release that
 * happened between its last try and its wait, a subscriber that is reconnecting, and a lease
 * that simply ran out. The subscriber starts with the first wait, so a JVM whose locks are
 * never contended does not hold a connection for it; once started it keeps one pooled
 * connection (blocking, without socket timeout) and reconnects every second after a failure.
 */
final class ReleaseNotifications {

    private final RedisConnection connection;
    private final String namespace;
    private final ConcurrentHashMap<String, Waiters> waiters = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();

    ReleaseNotifications(RedisConnection connection, String namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    /**
     * Registers interest in the releases of lock {@code key}. Register before the try that
     * precedes a wait: a release between that try and the wait then still ends the wait.
     * Close the interest when done waiting.
     */
    Interest register(String key) {
        startOnce();
        Waiters forKey = waiters.compute(key, (k, existing) -> {
            Waiters current = existing == null ? new Waiters() : existing;
            current.count++;
            return current;
        });
        synchronized (forKey) {
            return new Interest(key, forKey, forKey.releases);
        }
    }

    private void startOnce() {
        if (started.compareAndSet(false, true)) {
            new Subscriber().start();
        }
    }

    /**
     * Starts and serves the subscription. A class of its own, loaded with the first wait: it
     * refers to Jedis's subscriber classes, which would otherwise load with this class, while the
     * agent starts, on the thread that starts the JVM.
     */
    private final class Subscriber {

        void start() {
            // the namespace with the glob characters escaped; made here, as regex work in premain costs milliseconds
            final String pattern = namespace.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "|lock|*";
            RedisSubscription.toPatterns("lock-notifications", connection, this::listener,
                    (client, listener) -> client.psubscribe(listener, pattern), null, "lock waiters fall back to polling");
        }

        /** A listener for one subscription, made on the subscribing thread (Jedis's subscriber classes load there). */
        private JedisPubSub listener() {
            return new JedisPubSub() {
                @Override
                public void onPMessage(String subscribedPattern, String channel, String message) {
                    Waiters forKey = waiters.get(channel);
                    if (forKey != null) {
                        synchronized (forKey) {
                            forKey.releases++;
                            forKey.notifyAll();
                        }
                    }
                }
            };
        }
    }

    /** The local waiters of one lock key: the monitor they wait on, how many there are, releases heard. */
    private static final class Waiters {
        int count;
        long releases;
    }

    /** One waiter's interest in one key, from before its last try until it stops waiting. */
    final class Interest implements AutoCloseable {
        private final String key;
        private final Waiters forKey;
        private long seen;

        private Interest(String key, Waiters forKey, long seen) {
            this.key = key;
            this.forKey = forKey;
            this.seen = seen;
        }

        /**
         * Waits until a release is heard that this interest has not seen yet, or {@code pauseNanos} pass.
         *
         * @return {@code false} if the thread was interrupted
         */
        boolean await(long pauseNanos) {
            long deadline = System.nanoTime() + pauseNanos;
            synchronized (forKey) {
                try {
                    long left = pauseNanos;
                    while (forKey.releases == seen && left > 0) {
                        TimeUnit.NANOSECONDS.timedWait(forKey, left);
                        left = deadline - System.nanoTime();
                    }
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    seen = forKey.releases;
                }
            }
        }

        @Override
        public void close() {
            waiters.compute(key, (k, current) -> current == null || --current.count == 0 ? null : current);
        }
    }
}
