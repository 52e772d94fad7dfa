package io.rediscache.it.scope;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.rediscache.Cache;
import io.rediscache.RequestCache;
import redis.clients.jedis.Jedis;

/**
 * The application the request-scope test forks: the same lookups inside and outside a
 * {@link RequestCache} scope, counting the commands Redis executed for them
 * ({@code INFO commandstats}; the test's server has no other client).
 */
public final class ScopeApp {

    private ScopeApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Jedis redis = new Jedis(URI.create(args[0]))) {
            Catalog catalog = new Catalog();
            catalog.item("1");                    // stored
            Cache.set("setting", "v1");
            Cache.hset("config", "mode", "fast");
            Thread.sleep(1000); // the agent's generation subscription is live by now (else a call reads the generation: a GET)

            long gets = calls(redis, "get");
            long hgets = calls(redis, "hget");
            List<Object> seen = new ArrayList<>();
            try (RequestCache scope = RequestCache.open()) {
                for (int i = 0; i < 10; i++) {
                    seen.add(catalog.item("1"));
                    seen.add(Cache.get("setting"));
                    seen.add(Cache.hget("config", "mode"));
                }
                report("inside.gets", calls(redis, "get") - gets);
                report("inside.hgets", calls(redis, "hget") - hgets);
                redis.set(args[1] + "|#value|setting", redis.get(args[1] + "|#value|setting").replace("v1", "v2"));
                report("inside.afterOutsideChange", Cache.get("setting"));
                List<String> mine = Cache.get("list", () -> new ArrayList<>(List.of("a")));
                mine.add("changed by the caller");
                report("inside.copy", Cache.get("list"));
                Cache.delete("setting");
                report("inside.afterDelete", Cache.get("setting"));
            }
            report("inside.values", seen.stream().distinct().toList());
            report("runs", Catalog.RUNS.get());

            gets = calls(redis, "get");
            for (int i = 0; i < 10; i++) {
                catalog.item("1");
            }
            report("outside.gets", calls(redis, "get") - gets);
        }
    }

    private static long calls(Jedis redis, String command) {
        for (String line : redis.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
            }
        }
        return 0;
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
