package io.rediscache.it.packaging;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** A "legacy" service of the application that ships its own libraries: plain code plus one annotation. */
public class GreetingService {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "greetings", ttl = 60)
    public String greet(String name) {
        RUNS.incrementAndGet();
        return "hello " + name;
    }
}
