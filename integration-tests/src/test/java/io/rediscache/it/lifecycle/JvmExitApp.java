package io.rediscache.it.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.rediscache.Locked;
import io.rediscache.RedisCache;

/**
 * The application of {@code JvmExitTest}: makes the agent hold both of its Redis subscriptions
 * (the generations one starts with the store; the lock-release one when a caller waits for a
 * lock held by another thread), calls a cached method, then registers a shutdown hook of its own
 * that watches, while the JVM shuts down, whether the agent's subscriber threads end, and returns
 * from {@code main}. With Sentinel (its argument: how many Sentinels), the threads of Jedis's
 * Sentinel client that listen to each Sentinel are watched too. Prints {@code RESULT name=value}
 * lines.
 */
public final class JvmExitApp {

    static final String[] SUBSCRIBERS = {"redis-cache-agent-generations", "redis-cache-agent-lock-notifications"};
    /** Part of the name Jedis gives the thread that listens to one Sentinel. */
    static final String SENTINEL_LISTENER = "-SentinelListener-";

    private JvmExitApp() {
    }

    public static void main(String[] args) throws Exception {
        int sentinels = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        final Guarded guarded = new Guarded();
        final CountDownLatch holding = new CountDownLatch(1);
        Thread holder = new Thread(() -> guarded.hold(holding, 500));
        holder.start();
        holding.await(10, TimeUnit.SECONDS);
        guarded.hold(null, 0); // waits for the holder's release, listening for it on the lock subscription
        holder.join();
        report("cached", new Priced().price("tea") + "," + new Priced().price("tea"));
        report("runs", Priced.runs);
        final List<Thread> subscribers = awaitThreads(SUBSCRIBERS, sentinels, 10_000);
        report("subscribers", subscribers.size());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long started = System.nanoTime();
            boolean ended = true;
            for (Thread subscriber : subscribers) {
                try {
                    subscriber.join(5_000);
                } catch (InterruptedException e) {
                    return;
                }
                ended &= !subscriber.isAlive();
            }
            report("subscribersEnded", ended);
            report("subscribersEndedWithinMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }));
        report("mainEndedAtMillis", System.currentTimeMillis());
    }

    /** The threads named {@code names}, and {@code sentinels} Sentinel listeners, once all are in their socket reads. */
    private static List<Thread> awaitThreads(String[] names, int sentinels, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Thread> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            found.clear();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                boolean watched = Arrays.asList(names).contains(thread.getName())
                        || thread.getName().contains(SENTINEL_LISTENER);
                if (watched && thread.getState() == Thread.State.RUNNABLE) {
                    found.add(thread); // RUNNABLE: in its socket read, subscribed
                }
            }
            if (found.size() == names.length + sentinels) {
                break;
            }
            Thread.sleep(20);
        }
        return found;
    }

    static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
        System.out.flush();
    }

    /** Legacy code with a lock. */
    public static final class Guarded {
        @Locked(value = "exit", waitMillis = 10_000, leaseMillis = 5_000)
        public void hold(CountDownLatch holding, long millis) {
            if (holding != null) {
                holding.countDown();
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Legacy code with a cache. */
    public static final class Priced {
        static int runs;

        @RedisCache(ttl = 60)
        public int price(String item) {
            runs++;
            return item.length();
        }
    }
}
