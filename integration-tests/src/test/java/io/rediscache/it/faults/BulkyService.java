package io.rediscache.it.faults;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** 100 KB results, to fill a small Redis. */
public class BulkyService {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "bulky")
    public String page(int id) {
        RUNS.incrementAndGet();
        StringBuilder text = new StringBuilder(100_000);
        while (text.length() < 100_000) {
            text.append("page ").append(id).append(' ');
        }
        return text.toString();
    }
}
