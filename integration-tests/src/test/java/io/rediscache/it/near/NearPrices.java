package io.rediscache.it.near;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.EvictCache;
import io.rediscache.RedisCache;

/** A near-cached lookup whose data (a file the test writes) every JVM shares, and its eviction. */
public final class NearPrices {

    static final AtomicInteger RUNS = new AtomicInteger();

    private final Path source;
    private final String jvm;

    NearPrices(Path source, String jvm) {
        this.source = source;
        this.jvm = jvm;
    }

    @RedisCache(name = "near-prices", ttl = 60, near = true)
    public Quote quote(String sku) {
        RUNS.incrementAndGet();
        try {
            return new Quote(Files.readString(source).trim(), jvm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EvictCache(value = "near-prices", key = 0)
    public void changed(String sku) {
    }
}
