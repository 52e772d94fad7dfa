package io.rediscache.bench;

import java.util.concurrent.TimeUnit;

import javax.management.JMException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the agent costs where it does not cache.
 *
 * <p>(i) {@link #uninstrumented}: a method the agent does not instrument ({@code plainProfile},
 * not annotated, in a class whose other methods are instrumented), run once with the agent
 * attached and once without; the two should cost the same.
 *
 * <p>(j) {@link #breakerOpen}: the cached {@code profile(String)} with the agent attached to a
 * Redis that is not there ({@code redis.url} names a closed loopback port, see
 * {@link BenchmarkMain}), after the circuit breaker opened: the advice runs, the engine finds
 * the store unavailable, the body runs. Its floor is (d), the same method without the agent.
 * The trial checks, from the agent's own statistics (JMX {@code io.rediscache:type=CacheStatistics}),
 * that every measured call ran uncached and none was a hit or a miss.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgentOffBenchmark {

    /** (i) A method the agent leaves alone, with or without the agent attached. */
    @Benchmark
    public CustomerProfile uninstrumented(Plain state) {
        state.calls++;
        return state.service.plainProfile(CachedCallBenchmark.HIT_ID);
    }

    /** (j) A cached method whose cache is bypassed: Redis unreachable, circuit breaker open. */
    @Benchmark
    public CustomerProfile breakerOpen(Bypassed state) {
        state.calls++;
        return state.service.profile(CachedCallBenchmark.HIT_ID);
    }

    @State(Scope.Thread)
    public static class Plain {
        final ProfileService service = new ProfileService();
        long calls;
        long bodyRunsBefore;

        @Setup(Level.Trial)
        public void setUp() {
            bodyRunsBefore = ProfileService.bodyRuns();
        }

        @TearDown(Level.Trial)
        public void check() {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            if (runs != calls) {
                throw new IllegalStateException(calls + " calls ran the body " + runs + " times");
            }
            ForkCheck.report("uninstrumented, agent " + (ForkCheck.agentAttached() ? "attached" : "absent"),
                    calls + " calls, " + runs + " body runs");
        }
    }

    @State(Scope.Thread)
    public static class Bypassed {
        final ProfileService service = new ProfileService();
        long calls;
        long bodyRunsBefore;
        long uncachedBefore;
        long cachedBefore;

        @Setup(Level.Trial)
        public void setUp() throws JMException, InterruptedException {
            ForkCheck.requireAgent();
            for (int i = 0; i < 10; i++) { // the breaker opens after redis.breaker.failures (3) refused connections
                service.profile(CachedCallBenchmark.HIT_ID);
            }
            bodyRunsBefore = ProfileService.bodyRuns();
            uncachedBefore = AgentStatistics.get("UncachedCalls");
            cachedBefore = AgentStatistics.get("Hits") + AgentStatistics.get("Misses");
        }

        @TearDown(Level.Trial)
        public void check() throws JMException, InterruptedException {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            long uncached = AgentStatistics.get("UncachedCalls") - uncachedBefore;
            long cached = AgentStatistics.get("Hits") + AgentStatistics.get("Misses") - cachedBefore;
            String line = String.format("%d calls, %d body runs, %d uncached, %d hits or misses", calls, runs, uncached,
                    cached);
            if (runs != calls || uncached != calls || cached != 0) {
                throw new IllegalStateException("the breaker-open benchmark did not bypass the cache on every call: " + line);
            }
            ForkCheck.report("breaker open", line);
        }
    }
}
