package io.rediscache.bench;

/**
 * Stores the agent's entry for {@code profile("user-42")} when the hit benchmark is not among the
 * parts run ({@code -Dbench.parts}), so that the parts that read it (the throughput floor) find
 * it. Run by {@link BenchmarkMain} in a JVM with the agent attached; reports {@code RESULT hit=true}
 * when the second call was a hit.
 */
public final class HitSeed {

    private HitSeed() {
    }

    public static void main(String[] args) {
        ForkCheck.requireAgent();
        ProfileService service = new ProfileService();
        service.profile(CachedCallBenchmark.HIT_ID);
        long runs = ProfileService.bodyRuns();
        boolean hit = ProfileService.build(CachedCallBenchmark.HIT_ID).equals(service.profile(CachedCallBenchmark.HIT_ID))
                && ProfileService.bodyRuns() == runs;
        System.out.println("RESULT hit=" + hit);
    }
}
