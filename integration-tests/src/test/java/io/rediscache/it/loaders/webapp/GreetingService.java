package io.rediscache.it.loaders.webapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/**
 * A web application's service, deployed in its own child-first class loader; each deployed
 * copy of this class has its own run counter. The integration test copies this package's class
 * files out of the class path, so only such loaders can define it.
 */
public class GreetingService {

    private static final AtomicInteger RUNS = new AtomicInteger();

    public static int runs() {
        return RUNS.get();
    }

    @RedisCache(name = "greetings")
    public Greeting greet(String name) {
        RUNS.incrementAndGet();
        return new Greeting("Hello, " + name, Tone.CASUAL, List.of(GreetingService.class.getClassLoader().getName()));
    }
}
