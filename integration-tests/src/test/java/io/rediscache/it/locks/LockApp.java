package io.rediscache.it.locks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.rediscache.LockTimeoutException;
import io.rediscache.it.harness.ApplicationRedis;
import io.rediscache.it.harness.JvmRendezvous;
import redis.clients.jedis.UnifiedJedis;

/**
 * The application the lock tests fork. {@code main(scenario, …)} runs one scenario and reports
 * what happened as {@code RESULT name=value} lines; scenarios that the test drives step by step
 * wait for a "go" file the test creates, and announce their steps on stdout.
 */
public final class LockApp {

    private LockApp() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "count" -> count(args);
            case "behaviour" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    new BehaviourScenario(new LockKeys(redis, args[2])).run();
                }
            }
            case "script-flush" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    new ScriptFlushScenario(new LockKeys(redis, args[2])).run();
                }
            }
            case "hold-renewed" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    new HolderService(new LockKeys(redis, args[2])).holdRenewed(Long.parseLong(args[3]));
                    report("holder.returnedAt", System.currentTimeMillis());
                }
            }
            case "relay" -> relay(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "contend" -> contend(args[1], args[2], args[3], Paths.get(args[4]));
            case "hold-crash" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    new HolderService(new LockKeys(redis, args[2])).holdUntilKilled();
                }
            }
            case "await-crash" -> awaitCrash(args[1], args[2], Paths.get(args[3]));
            case "hold-paused" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    new HolderService(new LockKeys(redis, args[2])).holdThroughPause(Paths.get(args[3]), args[4]);
                    report("paused.tokenAfterRelease", redis.get(LockKeys.lock(args[2], "paused")));
                }
            }
            case "take-over" -> {
                try (UnifiedJedis redis = ApplicationRedis.open(args[1])) {
                    HolderService service = new HolderService(new LockKeys(redis, args[2]));
                    System.out.println("WAITING");
                    awaitFile(Paths.get(args[3]));
                    report("takeover", thrown(() -> {
                        service.takeOver(Paths.get(args[4]), args[5]);
                        return "done";
                    }));
                }
            }
            case "down" -> guardedCalls("down", new HolderService(null), Integer.parseInt(args[1]));
            case "outage" -> outage(Paths.get(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /**
     * Several threads increment the shared counter, each {@code increments} times, locked or not.
     * The JVMs of one run meet first (a Redis counter of ready JVMs) so that they really overlap.
     */
    private static void count(String[] args) throws Exception {
        boolean locked = args[1].equals("locked");
        String url = args[2];
        String counterKey = args[3];
        String readyKey = args[4];
        int jvms = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        int increments = Integer.parseInt(args[7]);
        Path stepsFile = Paths.get(args[8]);
        try (UnifiedJedis redis = ApplicationRedis.open(url)) {
            CounterService counter = new CounterService(redis, counterKey);
            JvmRendezvous.meet(redis, readyKey, jvms);
            AtomicInteger timeouts = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicReference<Throwable> firstError = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            long startedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < increments; i++) {
                        try {
                            if (locked) {
                                counter.lockedIncrement();
                            } else {
                                counter.unlockedIncrement();
                            }
                        } catch (LockTimeoutException e) {
                            timeouts.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e);
                        }
                    }
                }, "incrementer-" + t);
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            report("count.millis", (System.nanoTime() - start) / 1_000_000);
            report("count.startedAt", startedAt);
            report("count.endedAt", System.currentTimeMillis());
            report("count.timeouts", timeouts.get());
            report("count.errors", errors.get());
            report("count.firstError", causes(firstError.get()));
            report("count.overlaps", counter.overlaps());
            Files.write(stepsFile, counter.steps());
        }
    }


    /**
     * Two JVMs pass lock "relay" back and forth: each holds it 150 ms, then pauses 50 ms, so it
     * asks again while the other holds it and waits about 100 ms for it. Each acquisition is a line
     * {@code RELAY <asked> <entered> <bodyEnd>} (wall-clock µs, one clock for all JVMs of the machine).
     */
    private static void relay(String where, String namespace, String readyKey, int rounds) {
        try (UnifiedJedis redis = ApplicationRedis.open(where)) {
            HolderService service = new HolderService(new LockKeys(redis, namespace));
            JvmRendezvous.meet(redis, readyKey, 2);
            for (int i = 0; i < rounds; i++) {
                long asked = HolderService.micros();
                String times = service.relay(150);
                System.out.println("RELAY " + asked + " " + times);
                sleep(50);
            }
        }
    }

    /** Waits for the go file, tries the lock once, then waits up to 10 s for it. */
    private static void contend(String url, String namespace, String name, Path go) throws Exception {
        try (UnifiedJedis redis = ApplicationRedis.open(url)) {
            HolderService service = new HolderService(new LockKeys(redis, namespace));
            System.out.println("WAITING");
            awaitFile(go);
            report(name + ".once.at", System.currentTimeMillis());
            long start = System.nanoTime();
            report(name + ".once", thrown(() -> service.tryOnce(name)));
            report(name + ".once.millis", (System.nanoTime() - start) / 1_000_000);
            report(name + ".wait", thrown(() -> service.waitUpTo10s(name)));
            report("contender.runs", HolderService.RUNS.get());
        }
    }

    private static void awaitCrash(String url, String namespace, Path go) throws Exception {
        try (UnifiedJedis redis = ApplicationRedis.open(url)) {
            HolderService service = new HolderService(new LockKeys(redis, namespace));
            System.out.println("WAITING");
            awaitFile(go);
            report("crash.calledAt", System.currentTimeMillis());
            report("crash.wait", thrown(() -> service.waitLeasePlusOne("crash")));
            report("crash.returnedAt", System.currentTimeMillis());
        }
    }

    /** One successful call, then READY; after the go file (Redis is down by then), the calls of {@link #guardedCalls}. */
    private static void outage(Path go, int calls) throws Exception {
        HolderService service = new HolderService(null);
        report("before", thrown(service::guarded));
        System.out.println("READY");
        awaitFile(go);
        guardedCalls("outage", service, calls);
    }

    /** Calls the two guarded methods {@code calls} times each, reporting what they threw, how long they took, and body runs. */
    private static void guardedCalls(String prefix, HolderService service, int calls) {
        int runsBefore = HolderService.RUNS.get();
        List<String> outcomes = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        long worstMillis = 0;
        for (int i = 0; i < calls; i++) {
            for (Callable<?> call : List.<Callable<?>>of(service::guarded, service::guardedTryOnce)) {
                long start = System.nanoTime();
                try {
                    call.call();
                    outcomes.add("returned");
                } catch (Exception e) {
                    outcomes.add(e.getClass().getName());
                    causes.add(e.getCause() == null ? "none" : e.getCause().getClass().getName());
                }
                worstMillis = Math.max(worstMillis, (System.nanoTime() - start) / 1_000_000);
            }
        }
        report(prefix + ".outcomes", String.join(",", outcomes));
        report(prefix + ".causes", String.join(",", causes));
        report(prefix + ".worstMillis", worstMillis);
        report(prefix + ".bodyRuns", HolderService.RUNS.get() - runsBefore);
    }

    static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go file " + file + " within 60 s");
            }
            Thread.sleep(2);
        }
    }

    /** What the call threw ("ClassName: message"), or "returned:value". */
    static String thrown(Callable<?> call) {
        try {
            return "returned:" + call.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** {@link #thrown} on another thread, giving up after 15 s (a deadlock shows as "hung"). */
    static String thrownOnOtherThread(Callable<?> call) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> outcome = executor.submit(() -> thrown(call));
            return outcome.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "hung";
        } catch (Exception e) {
            return "failed: " + e;
        } finally {
            executor.shutdownNow();
        }
    }

    /** A throwable and its causes, "Class: message <- Class: message …", or "null". */
    static String causes(Throwable thrown) {
        List<String> chain = new ArrayList<>();
        for (Throwable cause = thrown; cause != null && chain.size() < 5; cause = cause.getCause()) {
            chain.add(cause.toString());
        }
        return chain.isEmpty() ? "null" : String.join(" <- ", chain);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
