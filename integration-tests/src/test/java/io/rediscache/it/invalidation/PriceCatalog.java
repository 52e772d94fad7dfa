package io.rediscache.it.invalidation;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** Two caches of one namespace: the clear tests clear "prices" and check that "stock" keeps every entry. */
public class PriceCatalog {

    static final AtomicInteger PRICE_RUNS = new AtomicInteger();
    static final AtomicInteger STOCK_RUNS = new AtomicInteger();

    @RedisCache(name = "prices", ttl = 600)
    public String price(int id) {
        PRICE_RUNS.incrementAndGet();
        return "price-" + id;
    }

    @RedisCache(name = "stock", ttl = 600)
    public String stock(int id) {
        STOCK_RUNS.incrementAndGet();
        return "stock-" + id;
    }
}
