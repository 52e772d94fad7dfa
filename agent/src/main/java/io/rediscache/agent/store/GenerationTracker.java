package io.rediscache.agent.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;

/**
 * This JVM's view of each cache's generation, kept current by a Redis subscription.
 *
 * <p>A cache's generation lives in Redis ({@code {namespace}|#generation|{cache}}); clearing
 * the cache raises it and publishes the new number on {@code {namespace}|#generation}. Every
 * JVM subscribes to that channel and remembers the generations it has read, so a cached call
 * costs no extra round trip. A remembered generation is trusted only while the subscription
 * that was live when it was read is still live: when the subscriber loses its connection, its
 * epoch changes, every remembered generation is dropped, and until it is subscribed again each
 * call reads the generation from Redis (one more {@code GET}, correct but slower). A clear
 * published while this JVM was not listening can therefore never be missed.
 *
 * <p>The subscriber thread starts with the store, so that it is usually live before the first
 * cached call, and holds one pooled connection (blocking, without socket timeout); it
 * re-subscribes every second after a failure.
 */
final class GenerationTracker {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationTracker.class);

    private final RedisConnection connection;
    private final String channel;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /**
     * Odd while subscribed, even while not; only the subscriber thread writes it, and it only
     * grows, so each live period has its own odd number.
     */
    private volatile long epoch;

    GenerationTracker(RedisConnection connection, String channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** @return the remembered generation of {@code cacheName}, or -1 when it must be read from Redis */
    long remembered(String cacheName) {
        if (!started.get()) { // a plain read on the hot path; the store starts the subscriber anyway
            startOnce();
        }
        long current = epoch;
        Known entry = known.get(cacheName);
        return entry != null && entry.epoch == current && (current & 1) == 1 ? entry.generation : -1;
    }

    /** The epoch to hand back to {@link #remember} after reading a generation from Redis. */
    long epochBeforeRead() {
        return epoch;
    }

    /** Keeps a generation read from Redis, if the subscription was live before the read and still is. */
    void remember(String cacheName, long generation, long epochBeforeRead) {
        if ((epochBeforeRead & 1) == 1) {
            known.merge(cacheName, new Known(generation, epochBeforeRead), Known::newer);
        }
    }

    private void heard(String message) {
        int space = message.indexOf(' ');
        if (space > 0) {
            try {
                long generation = Long.parseLong(message.substring(0, space));
                known.merge(message.substring(space + 1), new Known(generation, epoch), Known::newer);
            } catch (NumberFormatException e) {
                LOG.debug("Ignored a malformed message on {}.", channel);
            }
        }
    }

    /** Starts the subscriber now (it also starts with the first generation asked for). */
    void start() {
        startOnce();
    }

    private void startOnce() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        final JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String subscribed, int count) {
                known.clear();
                if ((epoch & 1) == 0) {
                    epoch++; // live: a new odd epoch, so nothing remembered under an earlier one is trusted
                }
            }

            @Override
            public void onMessage(String from, String message) {
                heard(message);
            }
        };
        RedisSubscription.keepAlive("generations", connection, client -> client.subscribe(listener, channel), () -> {
            if ((epoch & 1) == 1) {
                epoch++; // not live: even
            }
            known.clear();
        }, "generations are read from Redis on every call until it is back");
    }

    /** A generation and the subscription epoch it was learnt under. */
    private static final class Known {
        final long generation;
        final long epoch;

        Known(long generation, long epoch) {
            this.generation = generation;
            this.epoch = epoch;
        }

        static Known newer(Known a, Known b) {
            if (a.epoch != b.epoch) {
                return a.epoch > b.epoch ? a : b;
            }
            return a.generation >= b.generation ? a : b;
        }
    }
}
