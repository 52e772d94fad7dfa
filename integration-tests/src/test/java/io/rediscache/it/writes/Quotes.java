package io.rediscache.it.writes;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** A cached method whose runs are counted. */
public class Quotes {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "quotes", ttl = 600)
    public String price(String sku) {
        RUNS.incrementAndGet();
        return "price of " + sku;
    }
}
