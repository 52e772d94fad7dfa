package io.rediscache.it.users;

import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.EvictCache;
import io.rediscache.RedisCache;

/** A per-user cache: each user's dashboard is theirs alone. */
public class Dashboards {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "dashboards", perUser = true)
    public String dashboard(String page) {
        RUNS.incrementAndGet();
        return CurrentUser.name() + ":" + page + "@" + System.nanoTime();
    }

    @EvictCache(value = "dashboards", key = 0)
    public void changePage(String page) {
    }
}
