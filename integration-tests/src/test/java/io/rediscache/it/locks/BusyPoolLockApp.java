package io.rediscache.it.locks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rediscache.Locked;
import io.rediscache.Locks;
import io.rediscache.RedisCache;

import static io.rediscache.it.locks.LockApp.causes;
import static io.rediscache.it.locks.LockApp.report;

/**
 * The application of {@link LockBusyPoolTest}: four threads keep every pooled connection busy
 * with cached calls while one thread holds a lock. It prints {@code HELD} once the lock is
 * taken and waits for the go file, which the test creates after pausing Redis's clients; then
 * it tries a second lock once (while the pause lasts) and lets the holder's body run on for
 * {@code bodyMillis}.
 */
public final class BusyPoolLockApp {

    private static final int OCCUPIERS = 4;

    private BusyPoolLockApp() {
    }

    /** The instrumented methods. */
    public static class Services {

        @Locked(value = "held", leaseMillis = 3000)
        public boolean hold(Path go, long bodyMillis) throws Exception {
            System.out.println("HELD");
            awaitFile(go);
            Thread.sleep(bodyMillis);
            return Locks.isLost();
        }

        @Locked(value = "other", waitMillis = 0)
        public String other() {
            return "ran";
        }

        @RedisCache(name = "occupy", ttl = 60)
        public String occupy(String key) {
            return key;
        }
    }

    public static void main(String[] args) throws Exception {
        Path go = Paths.get(args[0]);
        long bodyMillis = Long.parseLong(args[1]);
        Services services = new Services();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> occupiers = new ArrayList<>();
        for (int i = 0; i < OCCUPIERS; i++) {
            Thread occupier = new Thread(() -> {
                while (!stop.get()) {
                    services.occupy("k" + ThreadLocalRandom.current().nextInt(20));
                }
            });
            occupier.start();
            occupiers.add(occupier);
        }
        boolean[] lost = new boolean[1];
        Throwable[] holderFailure = new Throwable[1];
        Thread holder = new Thread(() -> {
            try {
                lost[0] = services.hold(go, bodyMillis);
            } catch (Throwable e) {
                holderFailure[0] = e;
            }
        });
        holder.start();
        awaitFile(go);
        Thread.sleep(200); // inside the test's pause of Redis's clients
        try {
            report("other", services.other());
        } catch (RuntimeException e) {
            report("other", causes(e));
        }
        holder.join();
        stop.set(true);
        for (Thread occupier : occupiers) {
            occupier.join();
        }
        report("holder.failure", holderFailure[0] == null ? "none" : causes(holderFailure[0]));
        report("holder.lost", lost[0]);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
