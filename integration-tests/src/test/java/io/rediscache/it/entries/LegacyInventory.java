package io.rediscache.it.entries;

import java.util.function.Consumer;

/** Critical sections listed in the properties file as {@code lock.method.*} entries. */
public class LegacyInventory {

    private final Consumer<String> inside;

    /** @param inside called inside each body with the body's name, to look at the lock from there */
    public LegacyInventory(Consumer<String> inside) {
        this.inside = inside;
    }

    /** {@code lock.method.sync}, named {@code inventory_{0}}, lease 4 s. */
    public String sync(String region) {
        LegacyPricing.count("sync");
        inside.accept("sync");
        return "synced " + region;
    }

    /** {@code lock.method.nightly}, {@code onTimeout=skip}: a busy lock skips the call, returning 0. */
    public int nightly() {
        LegacyPricing.count("nightly");
        inside.accept("nightly");
        return 42;
    }
}
