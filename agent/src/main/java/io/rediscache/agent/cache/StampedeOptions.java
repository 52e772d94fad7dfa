package io.rediscache.agent.cache;

/**
 * How the engine protects the origin from stampedes: single flight per JVM
 * ({@code cache.singleflight}, {@code cache.singleflight.wait}), the cross-JVM loading lock
 * ({@code cache.stampede.lock}) and early refresh ({@code cache.refresh.early},
 * {@code cache.refresh.beta}). See {@link SingleFlight}, {@link LoadingLock}, {@link EarlyRefresh}.
 */
public final class StampedeOptions {

    final boolean singleFlight;
    final long waitMillis;
    final boolean loadingLock;
    final boolean refreshEarly;
    final double beta;

    /**
     * @param waitMillis the longest a caller waits for another's load, and the lease of the loading lock
     * @param loadingLock only with {@code singleFlight}: the lock is taken by a JVM's flight leader
     * @param refreshEarly only with {@code singleFlight}: a refresh is a flight too
     */
    public StampedeOptions(boolean singleFlight, long waitMillis, boolean loadingLock, boolean refreshEarly, double beta) {
        this.singleFlight = singleFlight;
        this.waitMillis = waitMillis;
        this.loadingLock = singleFlight && loadingLock;
        this.refreshEarly = singleFlight && refreshEarly;
        this.beta = beta;
    }

    /** No protection: every miss runs the method (the behaviour before these options existed). */
    public static StampedeOptions none() {
        return new StampedeOptions(false, 0, false, false, 1.0);
    }
}
