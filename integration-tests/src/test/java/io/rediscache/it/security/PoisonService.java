package io.rediscache.it.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** The cached methods whose entries the poisoned-values tests overwrite with crafted bytes. */
public class PoisonService {

    static final AtomicInteger RUNS = new AtomicInteger();

    @RedisCache(name = "poison", ttl = 600)
    public String lookup(int id) {
        RUNS.incrementAndGet();
        return "fresh-" + id;
    }

    /** A richer value (nested collections, numbers of several types, non-ASCII text), so that its bytes have many cut points. */
    @RedisCache(name = "poison-report", ttl = 600)
    public Map<String, Object> report(int id) {
        RUNS.incrementAndGet();
        return freshReport(id);
    }

    static Map<String, Object> freshReport(int id) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", id);
        report.put("title", "Rapport n°" + id + " — straße 😀");
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(List.of("line-" + i, (long) id * i, i % 2 == 0, 1.5 * i));
        }
        report.put("lines", lines);
        report.put("totals", Map.of("net", 1000L + id, "tax", 190L));
        report.put("flags", new ArrayList<>(List.of(Boolean.TRUE, 'x', (short) 7, (byte) -1)));
        return report;
    }
}
