package io.rediscache.it.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rediscache.it.harness.ApplicationRedis;
import redis.clients.jedis.params.SetParams;

import static io.rediscache.it.locks.LockApp.report;
import static io.rediscache.it.locks.LockApp.thrown;

/**
 * The one-JVM lock scenario of {@code LockBehaviourTest}: each step calls {@link LockedService}
 * and reports what it saw. A lock "held elsewhere" is a key the scenario sets itself with a foreign
 * token, through its own Jedis client, as another holder would have. A step that fails reports
 * {@code <step>.error} and the scenario goes on.
 */
final class BehaviourScenario {

    static final String FOREIGN = "foreign-holder-token";

    private final LockKeys keys;
    private final LockedService service;

    BehaviourScenario(LockKeys keys) {
        this.keys = keys;
        this.service = new LockedService(keys);
    }

    void run() {
        step("release", this::release);
        step("lease", this::lease);
        step("exception", this::exception);
        step("reentrant", this::reentrant);
        step("template", this::templates);
        step("busy", this::busy);
        step("expiring", this::expiring);
        step("deleted", this::deleted);
        step("handover", this::handover);
        step("skip", this::skip);
        step("leftover", this::leftover);
    }

    private void release() {
        report("release.value", service.work());
        report("release.pttlAfter", keys.pttl("plain"));
        report("release.fencePttlAfter", keys.fencePttl("plain"));
        report("release.second", service.work());
        report("release.runs", LockedService.runs("work"));
    }

    private void lease() {
        report("lease.value", service.shortLease());
        report("lease.pttlAfter", keys.pttl("leased"));
    }

    private void exception() {
        try {
            service.fail();
            report("exception.unchecked", "nothing thrown");
        } catch (Throwable e) {
            report("exception.unchecked", e == LockedService.FAILURE ? "same instance" : "other: " + e);
        }
        report("exception.pttlAfterUnchecked", keys.pttl("failing"));
        try {
            service.failChecked();
            report("exception.checked", "nothing thrown");
        } catch (Throwable e) {
            report("exception.checked", e == LockedService.CHECKED_FAILURE ? "same instance" : "other: " + e);
        }
        report("exception.pttlAfterChecked", keys.pttl("failing"));
        report("exception.runs", LockedService.runs("fail") + "," + LockedService.runs("failChecked"));
    }

    private void reentrant() {
        report("reentrant.value", LockApp.thrownOnOtherThread(service::outer));
        report("reentrant.pttlAfter", keys.pttl("reentrant"));
        report("reentrant.runs", LockedService.runs("outer") + "," + LockedService.runs("inner") + ","
                + LockedService.runs("reentrantOnce"));
    }

    private void templates() {
        report("template.sku", service.sku("A1"));
        report("template.skuPttlAfter", keys.pttl("sku_A1"));
        report("template.skuNull", service.sku(null));
        report("template.order", LockedService.order("EU", 7));
        report("template.orderPttlAfter", keys.pttl("order_7_EU"));
        report("template.fences", keys.fencePttl("sku_A1") > 0 && keys.fencePttl("order_7_EU") > 0
                && keys.redis().exists(keys.fence("sku_{0}")) == false);
    }

    /** "busy" is held elsewhere for the whole step. */
    private void busy() {
        holdElsewhere("busy", 30_000);
        timed("busy.once", service::busyOnce);
        timed("busy.waiting", service::busyWaiting);
        timed("busy.defaultWait", service::busyDefaultWait);
        report("busy.runs", LockedService.runs("busy"));
        report("busy.foreignTokenKept", FOREIGN.equals(keys.token("busy")) && keys.pttl("busy") > 0);
        keys.redis().del(keys.lock("busy"));
    }

    /** Held elsewhere with a 700 ms lease that nobody renews: a 4 s wait gets the lock once it expired. */
    private void expiring() {
        holdElsewhere("expiring", 700);
        long start = System.nanoTime();
        String token = service.waitUpTo4s("expiring");
        report("expiring.millis", (System.nanoTime() - start) / 1_000_000);
        report("expiring.tokenIsOwn", token != null && !token.equals(FOREIGN));
        report("expiring.pttlAfter", keys.pttl("expiring"));
    }

    /** Held elsewhere; the other holder deletes its key after 500 ms: a 4 s wait gets the lock. */
    private void deleted() throws InterruptedException {
        holdElsewhere("deleted", 30_000);
        AtomicLong deletedAt = new AtomicLong();
        Thread releaser = new Thread(() -> {
            LockApp.sleep(500);
            keys.redis().del(keys.lock("deleted"));
            deletedAt.set(System.nanoTime());
        });
        long start = System.nanoTime();
        releaser.start();
        String token = service.waitUpTo4s("deleted");
        long enteredAt = System.nanoTime();
        releaser.join();
        report("deleted.millis", (enteredAt - start) / 1_000_000);
        report("deleted.afterDeleteMillis", (enteredAt - deletedAt.get()) / 1_000_000);
        report("deleted.tokenIsOwn", token != null && !token.equals(FOREIGN));
        report("deleted.pttlAfter", keys.pttl("deleted"));
    }

    /** Two threads of this JVM: the second waits while the first holds "handover" for 600 ms. */
    private void handover() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        AtomicLong firstBodyEnd = new AtomicLong();
        Thread first = new Thread(() -> firstBodyEnd.set(service.handover(600, firstEntered::countDown)));
        first.start();
        if (!firstEntered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the first holder never entered");
        }
        long secondEntered = service.handover(0, () -> { });
        first.join();
        report("handover.secondAfterFirst", secondEntered > firstBodyEnd.get());
        report("handover.micros", (secondEntered - firstBodyEnd.get()) / 1000);
        report("handover.runs", LockedService.runs("handover"));
    }

    private void skip() {
        holdElsewhere("skipped", 30_000);
        List<Object> skipped = new ArrayList<>();
        skipped.add(service.skipString());
        skipped.add(service.skipInt());
        skipped.add(service.skipBoolean());
        skipped.add(service.skipLong());
        skipped.add(service.skipDouble());
        skipped.add(service.skipBoxed());
        service.skipVoid();
        long start = System.nanoTime();
        skipped.add(LockedService.skipStaticAfterWaiting());
        report("skip.waitedMillis", (System.nanoTime() - start) / 1_000_000);
        report("skip.whenHeld", skipped);
        report("skip.runsWhenHeld", LockedService.runs("skip"));
        report("skip.foreignTokenKept", FOREIGN.equals(keys.token("skipped")));
        keys.redis().del(keys.lock("skipped"));
        report("skip.whenFree", List.of(service.skipString(), service.skipInt(), service.skipBoolean(),
                LockedService.skipStaticAfterWaiting()));
        report("skip.runsAfterFree", LockedService.runs("skip"));
        report("skip.pttlAfter", keys.pttl("skipped"));
    }

    /** After everything: the namespace holds only fence keys, each with a TTL. */
    private void leftover() {
        List<String> locks = new ArrayList<>();
        List<String> withoutTtl = new ArrayList<>();
        for (String key : ApplicationRedis.keys(keys.redis(), keys.allLockKeys())) {
            if (!key.endsWith("|fence")) {
                locks.add(key);
            }
            if (keys.redis().pttl(key) <= 0) {
                withoutTtl.add(key);
            }
        }
        report("leftover.locks", locks);
        report("leftover.withoutTtl", withoutTtl);
    }

    private void holdElsewhere(String name, long leaseMillis) {
        keys.redis().set(keys.lock(name), FOREIGN, SetParams.setParams().px(leaseMillis));
    }

    private static void timed(String name, java.util.concurrent.Callable<?> call) {
        long start = System.nanoTime();
        report(name, thrown(call));
        report(name + ".millis", (System.nanoTime() - start) / 1_000_000);
    }

    private static void step(String name, Step step) {
        try {
            step.run();
        } catch (Throwable e) {
            report(name + ".error", e);
            e.printStackTrace();
        }
    }

    private interface Step {
        void run() throws Exception;
    }
}
