package io.rediscache.agent.store;

import java.util.function.Supplier;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis subscription kept alive for the life of the JVM: one daemon thread that subscribes,
 * blocks while subscribed (on a pooled connection without socket timeout), and after any
 * failure says so at DEBUG, runs {@code onLost}, and subscribes again a second later.
 *
 * <p>It ends itself when the JVM shuts down. A thread blocked in a socket read is "in native"
 * to HotSpot, and the JVM's final exit step waits for such threads for 300 ms before it gives
 * up on them (daemon or not): every JVM with the agent attached ended 300 ms late. A shutdown
 * hook therefore unsubscribes, which makes Redis end the subscription, and waits (at most
 * {@link #STOP_WAIT_MILLIS}) for the thread to return and end.
 */
public final class RedisSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscription.class);
    private static final long RETRY_MILLIS = 1000;
    /** How long the shutdown hook waits for the subscriber; beyond it the JVM's own 300 ms wait applies. */
    static final long STOP_WAIT_MILLIS = 250;

    /** Subscribes {@code listener} on {@code client} and returns only when the subscription ends or fails. */
    public interface Subscribe {
        void subscribe(UnifiedJedis client, JedisPubSub listener);
    }

    private final Supplier<JedisPubSub> listeners;
    private final Subscribe subscribe;
    private final boolean patterns;
    private volatile JedisPubSub current;
    private volatile boolean stopping;

    private RedisSubscription(Supplier<JedisPubSub> listeners, Subscribe subscribe, boolean patterns) {
        this.listeners = listeners;
        this.subscribe = subscribe;
        this.patterns = patterns;
    }

    /** Keeps {@code subscribe} (a {@code SUBSCRIBE} to channels) going; see {@link #keepAlive}. */
    public static void toChannels(String name, RedisConnection connection, Supplier<JedisPubSub> listeners,
                                  Subscribe subscribe, Runnable onLost, String whileLost) {
        new RedisSubscription(listeners, subscribe, false).keepAlive(name, connection, onLost, whileLost);
    }

    /** Keeps {@code subscribe} (a {@code PSUBSCRIBE} to patterns) going; see {@link #keepAlive}. */
    public static void toPatterns(String name, RedisConnection connection, Supplier<JedisPubSub> listeners,
                                  Subscribe subscribe, Runnable onLost, String whileLost) {
        new RedisSubscription(listeners, subscribe, true).keepAlive(name, connection, onLost, whileLost);
    }

    /**
     * @param name the thread's name, after {@code redis-cache-agent-}
     * @param onLost runs each time the subscription ended (and before the retry); may be {@code null}
     * @param whileLost for the DEBUG line: what the agent does until the subscription is back
     */
    private void keepAlive(String name, final RedisConnection connection, final Runnable onLost, final String whileLost) {
        final Thread subscriber = DaemonThreads.start(name, new Runnable() {
            @Override
            public void run() {
                while (!stopping) {
                    try {
                        JedisPubSub listener = listeners.get(); // made here: Jedis's classes load on this thread
                        current = listener;
                        if (stopping) {
                            return; // the hook may have looked before there was a listener to stop
                        }
                        subscribe.subscribe(connection.client(), listener);
                    } catch (Exception e) {
                        if (!stopping) {
                            LOG.debug("A Redis subscription was lost ({}); {}; it is retried in 1 s.", e.toString(),
                                    whileLost);
                        }
                    } finally {
                        current = null;
                        if (onLost != null) {
                            onLost.run();
                        }
                    }
                    try {
                        Thread.sleep(RETRY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(DaemonThreads.named(name + "-stop").newThread(new Runnable() {
            @Override
            public void run() {
                stop(subscriber);
            }
        }));
    }

    /** Ends the subscription and waits a little for its thread, so that it is not in a socket read at exit. */
    private void stop(Thread subscriber) {
        stopping = true;
        JedisPubSub listener = current;
        try {
            if (listener != null && listener.isSubscribed()) {
                if (patterns) {
                    listener.punsubscribe();
                } else {
                    listener.unsubscribe();
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not end a Redis subscription at shutdown ({}).", e.toString());
        }
        subscriber.interrupt(); // ends the pause between two tries; a socket read ignores it
        try {
            subscriber.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (subscriber.isAlive()) {
            LOG.debug("A Redis subscription did not end within {} ms of shutdown.", STOP_WAIT_MILLIS);
        }
    }
}
