package io.rediscache.agent.cache;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.DaemonThreads;
import io.rediscache.agent.OncePerMinute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of missed calls' results, when {@code cache.write.async=true}: the caller returns
 * once its result is encoded, and one agent thread sends the {@code SET} afterwards, in the
 * order the results were handed over.
 *
 * <p>The queue is bounded ({@code cache.write.async.queue}): when it is full (Redis slower than
 * the misses arrive), a result is not stored (it was returned to its caller all the same), is
 * counted ({@code DroppedWrites} over JMX) and said at most once a minute. A write that waits in
 * the queue keeps the meaning of the synchronous one: it stores only if the key still holds what
 * the lookup found, so an eviction while it waited wins ({@link CacheEngine}). Writes still
 * queued when the JVM exits are lost, as a cache may lose entries.
 */
final class AsyncWrites {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncWrites.class);

    private final ThreadPoolExecutor writer;
    private final int capacity;
    private final OncePerMinute fullWarning = new OncePerMinute();

    AsyncWrites(int capacity) {
        this.capacity = capacity;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<Runnable>(capacity), DaemonThreads.named("async-write"));
    }

    /** @return whether {@code write} was queued; {@code false}: the queue is full, and the write is dropped */
    boolean submit(Runnable write) {
        try {
            writer.execute(write);
            return true;
        } catch (RejectedExecutionException full) {
            if (fullWarning.due()) {
                LOG.warn("The queue of asynchronous cache writes is full ({} writes, cache.write.async.queue): results"
                        + " are returned but not stored until Redis catches up. Raise cache.write.async.queue or"
                        + " redis.pool.size, or set cache.write.async=false.", capacity);
            }
            return false;
        }
    }
}
