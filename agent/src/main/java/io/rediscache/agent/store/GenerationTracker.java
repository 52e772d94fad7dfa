package io.rediscache.agent.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

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
 * <p>The same subscription carries the near tier's announcements ({@code {namespace}|#near},
 * {@link NearCache}): the tier is used only while it is live, and is flushed when it is lost.
 * It counts as live only once both channels are subscribed. A subscription whose connection
 * silently stops delivering (a network that swallows packets closes nothing) is caught by a
 * heartbeat while any near cache is enabled: every {@value #HEARTBEAT_MILLIS} ms this JVM publishes
 * the time on a channel only it subscribes to ({@code {namespace}|#near|{origin}}, so no other JVM
 * hears it) over a pooled connection, and hears it back on the subscription. When a heartbeat
 * published more than {@value #STALL_MILLIS} ms ago has not been heard back ({@link Heartbeats}),
 * announcements may be that late: the near tier is flushed and bypassed. Echoes arrive after every
 * message published before them (one TCP stream, in order, nothing lost while it lives), so a
 * fresh echo means the stream has caught up, and the tier is used again. A connection that breaks
 * ends the subscription as above.
 *
 * <p>The subscriber thread starts with the store, so that it is usually live before the first
 * cached call, and holds one pooled connection (blocking, without socket timeout); it
 * re-subscribes every second after a failure.
 */
final class GenerationTracker {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationTracker.class);

    private final RedisConnection connection;
    private final String channel;
    private final NearCache near;
    static final long HEARTBEAT_MILLIS = 100;
    static final long STALL_MILLIS = 300;

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /**
     * Odd while subscribed, even while not; only the subscriber thread writes it, and it only
     * grows, so each live period has its own odd number.
     */
    private volatile long epoch;
    private final Heartbeats heartbeats = new Heartbeats(STALL_MILLIS * 1_000_000);
    private volatile boolean stalled;

    GenerationTracker(RedisConnection connection, String channel, NearCache near) {
        this.connection = connection;
        this.channel = channel;
        this.near = near;
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
                String cacheName = message.substring(space + 1);
                known.merge(cacheName, new Known(generation, epoch), Known::newer);
                near.forgetCacheBefore(cacheName, generation);
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
        if (started.compareAndSet(false, true)) {
            new Subscriber().start();
        }
    }

    /**
     * Starts and serves the subscription. A class of its own, loaded when the subscription
     * starts: it refers to Jedis's subscriber classes, which would otherwise load with this
     * tracker, on the thread that starts the JVM.
     */
    private final class Subscriber {

        void start() {
            RedisSubscription.toChannels("generations", connection, new Supplier<JedisPubSub>() {
                @Override
                public JedisPubSub get() {
                    return listener();
                }
            }, new RedisSubscription.Subscribe() {
                @Override
                public void subscribe(UnifiedJedis client, JedisPubSub listener) {
                    client.subscribe(listener, channel, near.channel(), near.heartbeatChannel());
                }
            }, new Runnable() {
                @Override
                public void run() {
                    if ((epoch & 1) == 1) {
                        epoch++; // not live: even
                    }
                    known.clear();
                    near.deaf();
                }
            }, "generations are read from Redis on every call, and near caches are bypassed, until it is back");
            near.whenFirstEnabled(new Runnable() {
                @Override
                public void run() {
                    DaemonThreads.every("near-heartbeat", HEARTBEAT_MILLIS, new Runnable() {
                        @Override
                        public void run() {
                            heartbeat();
                        }
                    });
                }
            });
        }

        /**
         * A listener for one subscription, made on the subscribing thread: Jedis's subscriber classes
         * then load there, not on the thread that starts the agent.
         */
        private JedisPubSub listener() {
            return new JedisPubSub() {
                @Override
                public void onSubscribe(String subscribed, int count) {
                    if (count < 3) {
                        return; // live once every channel is
                    }
                    known.clear();
                    if ((epoch & 1) == 0) {
                        epoch++; // live: a new odd epoch, so nothing remembered under an earlier one is trusted
                    }
                    heartbeats.subscribed(System.nanoTime());
                    stalled = false;
                    near.listening();
                }

                @Override
                public void onMessage(String from, String message) {
                    if (from.equals(near.heartbeatChannel())) {
                        echoed(message);
                    } else if (from.equals(near.channel())) {
                        near.heard(message);
                    } else {
                        heard(message);
                    }
                }
            };
        }
    }

    /** Publishes the time for this JVM's subscription to hear back, and judges the heartbeats not heard back yet. */
    private void heartbeat() {
        if (!near.enabledAnywhere() || (epoch & 1) == 0) {
            heartbeats.clear();
            return;
        }
        if (!stalled && heartbeats.behind(System.nanoTime())) {
            stalled = true;
            near.deaf();
            LOG.debug("The subscription to {} is more than {} ms behind; near caches are bypassed until it catches up.",
                    channel, STALL_MILLIS);
        }
        long sent = System.nanoTime();
        heartbeats.sending(sent);
        try {
            connection.client().publish(near.heartbeatChannel(), Long.toString(sent));
        } catch (RuntimeException | StoreException e) {
            LOG.debug("A near-cache heartbeat could not be published ({}).", e.toString());
        }
    }

    private void echoed(String message) {
        try {
            long sent = Long.parseLong(message);
            heartbeats.heard(sent);
            if (stalled && heartbeats.fresh(sent, System.nanoTime())) {
                stalled = false; // caught up: everything published before this recent echo has arrived
                near.listening();
            }
        } catch (NumberFormatException e) {
            LOG.debug("Ignored a malformed heartbeat.");
        }
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
