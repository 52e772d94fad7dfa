package io.rediscache.it.scope;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** A cached lookup the request-scope test calls repeatedly. */
public class Catalog {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "catalog")
    public String item(String id) {
        RUNS.incrementAndGet();
        return "item-" + id;
    }
}
