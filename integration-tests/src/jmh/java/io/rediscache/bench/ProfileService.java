package io.rediscache.bench;

import java.util.ArrayList;
import java.util.List;

import io.rediscache.RedisCache;

/**
 * The "legacy" service the benchmarks call: plain code plus annotations. The cached methods
 * run the same body ({@link #build}); they differ only in cache name, TTL and near tier. The miss
 * benchmark's fresh keys live 60 s: long enough that Redis does not start expiring them (work
 * that would compete with the measured commands) before the benchmark ends, short enough that
 * they do not pile up ({@link BenchmarkMain} also deletes them after each miss run). Each body run is
 * counted, which is how the benchmarks check that a hit really skipped the body and a miss
 * really ran it.
 */
public class ProfileService {

    private static long bodyRuns;

    /** How often a body of this class ran in this JVM (single-threaded benchmarks only). */
    public static long bodyRuns() {
        return bodyRuns;
    }

    @RedisCache(name = "profiles", ttl = 3600)
    public CustomerProfile profile(String customerId) {
        bodyRuns++;
        return build(customerId);
    }

    @RedisCache(name = "profiles-fresh", ttl = 60)
    public CustomerProfile freshProfile(String customerId) {
        bodyRuns++;
        return build(customerId);
    }

    /** The same body, cached with a near tier in front of Redis (the near-hit benchmark). */
    @RedisCache(name = "profiles-near", ttl = 3600, near = true)
    public CustomerProfile nearProfile(String customerId) {
        bodyRuns++;
        return build(customerId);
    }

    /** The same body, not annotated: a method the agent does not instrument, in a class it does. */
    public CustomerProfile plainProfile(String customerId) {
        bodyRuns++;
        return build(customerId);
    }

    /** The body: a deterministic profile for the id, so every JVM encodes the same bytes. */
    public static CustomerProfile build(String customerId) {
        int seed = customerId.hashCode() & 0x7fff;
        List<String> roles = new ArrayList<>(4);
        roles.add("customer");
        roles.add("newsletter-subscriber");
        roles.add("beta-tester");
        roles.add("reviewer");
        List<String> searches = new ArrayList<>(8);
        searches.add("wireless noise cancelling headphones");
        searches.add("usb-c charger 65w");
        searches.add("ergonomic office chair");
        searches.add("mechanical keyboard brown switches");
        searches.add("4k monitor 27 inch");
        searches.add("standing desk frame");
        searches.add("laptop sleeve 14 inch");
        searches.add("noise cancelling earbuds");
        List<Long> favourites = new ArrayList<>(12);
        for (int i = 0; i < 12; i++) {
            favourites.add(1_000_000L + seed * 31L + i * 7919L);
        }
        return new CustomerProfile(customerId, "Customer " + customerId, customerId + "@mail.example.com",
                "GB", "en-GB", "GOLD", "221B Baker Street, Flat " + seed % 100, "London", "NW1 6XE",
                1_600_000_000_000L + seed, 1_700_000_000_000L + seed * 1000L, 100 + seed % 900, 1234.56 + seed, true,
                roles, searches, favourites);
    }
}
