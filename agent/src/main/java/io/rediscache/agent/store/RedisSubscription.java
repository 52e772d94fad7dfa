package io.rediscache.agent.store;

import io.rediscache.agent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis subscription kept alive for the life of the JVM: one daemon thread that subscribes,
 * blocks while subscribed (on a pooled connection without socket timeout), and after any
 * failure says so at DEBUG, runs {@code onLost}, and subscribes again a second later.
 */
public final class RedisSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscription.class);
    private static final long RETRY_MILLIS = 1000;

    /** Subscribes on {@code client} and returns only when the subscription ends or fails. */
    public interface Subscribe {
        void subscribe(UnifiedJedis client);
    }

    private RedisSubscription() {
    }

    /**
     * @param name the thread's name, after {@code redis-cache-agent-}
     * @param onLost runs each time the subscription ended (and before the retry); may be {@code null}
     * @param whileLost for the DEBUG line: what the agent does until the subscription is back
     */
    public static void keepAlive(String name, final RedisConnection connection, final Subscribe subscribe,
                                 final Runnable onLost, final String whileLost) {
        DaemonThreads.start(name, new Runnable() {
            @Override
            public void run() {
                while (true) {
                    try {
                        subscribe.subscribe(connection.client());
                    } catch (Exception e) {
                        LOG.debug("A Redis subscription was lost ({}); {}; it is retried in 1 s.", e.toString(),
                                whileLost);
                    } finally {
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
    }
}
