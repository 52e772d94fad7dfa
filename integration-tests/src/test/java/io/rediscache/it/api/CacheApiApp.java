package io.rediscache.it.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.Cache;

/**
 * The application the Cache API test forks. {@code write}: every operation of
 * {@link Cache}, reporting what it saw; {@code read}: what a second JVM sees of the first one's
 * values. Results are {@code RESULT name=value} lines.
 */
public final class CacheApiApp {

    private CacheApiApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "write" -> write();
            case "read" -> read();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void write() throws Exception {
        Cache.set("rate|EUR|USD", new BigDecimal("1.0825"));
        report("get", Cache.get("rate|EUR|USD"));
        report("getMissing", Cache.get("rate|nothing"));
        Cache.set("nothing", null);
        report("getNull", Cache.get("nothing") + "," + Cache.get("nothing", () -> "loaded"));

        AtomicInteger loads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(pool.submit(() -> {
                start.await();
                return Cache.get("report|2026", () -> {
                    loads.incrementAndGet();
                    Thread.sleep(300);
                    return "report-body";
                });
            }));
        }
        start.countDown();
        StringBuilder seen = new StringBuilder();
        for (Future<String> caller : callers) {
            seen.append(caller.get(10, TimeUnit.SECONDS).equals("report-body") ? "" : "wrong ");
        }
        pool.shutdown();
        report("singleFlight", loads.get() + " " + seen.toString().trim());
        report("loaderFailure", thrown(() -> Cache.get("broken", () -> {
            throw new IllegalStateException("source down");
        })));
        report("loaderFailureStored", Cache.get("broken"));

        Cache.set("short", "s", Duration.ofMillis(800));
        report("ttl.before", Cache.get("short"));
        Thread.sleep(1300);
        report("ttl.after", Cache.get("short"));

        Cache.set("a", 1);
        Cache.set("b", 2);
        report("delete", Cache.delete("a", "b", "never-set") + "," + Cache.get("a") + "," + Cache.get("b"));

        for (int i = 0; i < 50; i++) {
            Cache.set("batch|" + i, i);
        }
        Cache.set("batchless", "kept");
        report("deleteKeys", Cache.deleteKeys("batch|*") + "," + Cache.get("batch|7") + "," + Cache.get("batchless"));

        List<String> mutable = new ArrayList<>(List.of("x", "y"));
        Cache.set("list", mutable);
        mutable.add("z");
        List<String> got = Cache.get("list");
        got.add("w");
        report("copies", Cache.get("list").toString());

        Cache.hset("config|notifications", "email_enabled", true);
        Cache.hset("config|notifications", "sms_enabled", false);
        Cache.hset("config|notifications", "max_retries", 3);
        report("hget", Cache.hget("config|notifications", "email_enabled") + "," + Cache.hget("config|notifications", "nope"));
        report("hgetAll", new TreeMap<>(Cache.hgetAll("config|notifications")));
        report("hexists", Cache.hexists("config|notifications", "sms_enabled") + "," + Cache.hexists("config|notifications", "x"));
        report("hdel", Cache.hdel("config|notifications", "sms_enabled", "x") + ","
                + Cache.hexists("config|notifications", "sms_enabled"));
        AtomicInteger permissionLoads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            Cache.hget("user|permissions", "ann@example.com", () -> {
                permissionLoads.incrementAndGet();
                return List.of("read", "write");
            });
        }
        report("hgetLoader", Cache.hget("user|permissions", "ann@example.com") + " loads=" + permissionLoads.get());

        Cache.setForUser("ann@example.com", "dashboard_layout", "compact");
        report("perUser", Cache.getForUser("ann@example.com", "dashboard_layout") + ","
                + Cache.getForUser("bob@example.com", "dashboard_layout") + "," + Cache.get("dashboard_layout"));

        Cache.shared().set("currency_list", List.of("EUR", "USD"), Duration.ofMinutes(1));
        report("shared", Cache.shared().get("currency_list") + "," + Cache.get("currency_list"));
        report("sharedHash", thrown(() -> Cache.shared().get("#value|rate|EUR|USD")));

        race();
    }

    /** A slow loader reads version 1, a delete lands while it runs: the next get loads again. */
    private static void race() throws Exception {
        AtomicInteger version = new AtomicInteger(1);
        CountDownLatch hasRead = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        Future<Integer> first = slow.submit(() -> Cache.get("race", () -> {
            int read = version.get();
            hasRead.countDown();
            gate.await(10, TimeUnit.SECONDS);
            return read;
        }));
        hasRead.await(10, TimeUnit.SECONDS);
        version.set(2);
        Cache.delete("race");
        gate.countDown();
        report("race", first.get(10, TimeUnit.SECONDS) + "," + Cache.get("race", () -> version.get()) + ","
                + Cache.get("race"));
        slow.shutdown();
    }

    private static void read() {
        report("read.get", Cache.get("rate|EUR|USD"));
        report("read.hget", Cache.hget("config|notifications", "max_retries"));
        report("read.perUser", Cache.getForUser("ann@example.com", "dashboard_layout"));
        report("read.shared", Cache.shared().get("currency_list"));
        report("read.report", Cache.get("report|2026", () -> "loaded again"));
    }

    private static String thrown(Runnable call) {
        try {
            call.run();
            return "nothing";
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage() + " / cause " + e.getCause();
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
