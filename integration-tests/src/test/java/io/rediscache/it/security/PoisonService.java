package io.rediscache.it.security;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** The cached method whose entries the poisoned-values test overwrites with crafted bytes. */
public class PoisonService {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "poison", ttl = 600)
    public String lookup(int id) {
        RUNS.incrementAndGet();
        return "fresh-" + id;
    }
}
