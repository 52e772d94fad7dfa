package io.rediscache.it.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Cache;
import io.rediscache.Locked;
import io.rediscache.Locks;
import io.rediscache.RedisCache;

/**
 * The application the TLS tests fork: a cached method, a locked method, {@code Locks} and the
 * {@code Cache} API, each used once or twice; reports as {@code RESULT name=value} lines.
 */
public final class TlsApp {

    static final AtomicInteger QUOTE_RUNS = new AtomicInteger();
    static final AtomicInteger LOCKED_RUNS = new AtomicInteger();

    private TlsApp() {
    }

    @RedisCache(name = "quotes", ttl = 60)
    public static String quote(String symbol) {
        QUOTE_RUNS.incrementAndGet();
        return "quote-of-" + symbol;
    }

    @Locked("nightly_job")
    public static String nightlyJob() {
        LOCKED_RUNS.incrementAndGet();
        return "job-done";
    }

    /**
     * @param args optionally a file to wait for (at most 60 s) before the calls: the test creates
     *             it once the agent is connected
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            Path go = Paths.get(args[0]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        report("quote.values", quote("ACME") + "," + quote("ACME") + "," + quote("INIT"));
        report("quote.runs", QUOTE_RUNS.get());
        report("locked", thrown(TlsApp::nightlyJob));
        report("locked.runs", LOCKED_RUNS.get());
        report("locks.fence", thrown(() -> {
            try (Locks.Held held = Locks.acquire("manual_lock", Duration.ofSeconds(1))) {
                return held.fencingToken() > 0;
            }
        }));
        Cache.set("greeting", "hello over TLS", Duration.ofMinutes(1));
        report("api.get", Cache.get("greeting"));
    }

    private static String thrown(Callable<?> call) {
        try {
            return "returned:" + call.call();
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
