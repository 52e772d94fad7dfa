package io.rediscache.bench;

import java.util.concurrent.TimeUnit;

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
 * (d) The same {@code @RedisCache} method as the hit benchmark, in a JVM without the agent:
 * the annotation is inert and every call runs the body. The trial checks that it did.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UncachedBenchmark {

    @Benchmark
    public CustomerProfile bodyAlone(Body state) {
        state.calls++;
        return state.service.profile(CachedCallBenchmark.HIT_ID);
    }

    @State(Scope.Thread)
    public static class Body {
        final ProfileService service = new ProfileService();
        long calls;
        long bodyRunsBefore;

        @Setup(Level.Trial)
        public void setUp() {
            ForkCheck.requireNoAgent();
            bodyRunsBefore = ProfileService.bodyRuns();
        }

        @TearDown(Level.Trial)
        public void check() {
            long runs = ProfileService.bodyRuns() - bodyRunsBefore;
            if (runs != calls) {
                throw new IllegalStateException(calls + " calls ran the body " + runs + " times: is something caching?");
            }
            ForkCheck.report("body alone", calls + " calls, " + runs + " body runs");
        }
    }
}
