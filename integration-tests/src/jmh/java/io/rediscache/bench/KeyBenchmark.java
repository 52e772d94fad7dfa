package io.rediscache.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.rediscache.agent.key.ArgumentHasher;
import io.rediscache.agent.key.UnkeyableParameterException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (e) The cost of a cache key: {@link ArgumentHasher#key} (canonical encoding + SHA-256 + hex),
 * called directly, without the agent attached. {@code ArgumentHasher} is one of the agent's own
 * (unrelocated) classes, taken from the agent jar on the class path; it uses nothing but
 * {@code java.*}, so calling it here runs exactly the code the advice runs: the overload a
 * cached method calls, with the method identity encoded once beforehand
 * ({@link ArgumentHasher#identityPrefix}, as {@code CachedMethod} does when it is created).
 *
 * <p>{@link #fourArguments}: a String, an int, an enum and a small map, as in
 * {@code quote(String sku, int quantity, Channel channel, Map<String,String> attributes)}.
 * {@link #oneString}: the key of the hit benchmark's {@code profile(String)}, for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KeyBenchmark {

    public enum Channel { WEB, MOBILE, PARTNER }

    @Benchmark
    public String fourArguments(Keys state) throws UnkeyableParameterException {
        return ArgumentHasher.key(state.prefix, state.quoteIdentityPrefix, state.quoteArguments, state.allFour);
    }

    @Benchmark
    public String oneString(Keys state) throws UnkeyableParameterException {
        return ArgumentHasher.key(state.prefix, state.profileIdentityPrefix, state.profileArguments, state.first);
    }

    @State(Scope.Thread)
    public static class Keys {
        final String prefix = "bench|quotes|";
        final String quoteIdentity = "io.rediscache.bench.QuoteService#quote"
                + "(Ljava/lang/String;ILio/rediscache/bench/KeyBenchmark$Channel;Ljava/util/Map;)Ljava/math/BigDecimal;";
        final String profileIdentity = "io.rediscache.bench.ProfileService#profile"
                + "(Ljava/lang/String;)Lio/rediscache/bench/CustomerProfile;";
        final byte[] quoteIdentityPrefix = ArgumentHasher.identityPrefix(quoteIdentity);
        final byte[] profileIdentityPrefix = ArgumentHasher.identityPrefix(profileIdentity);
        final int[] allFour = {0, 1, 2, 3};
        final int[] first = {0};
        Object[] quoteArguments;
        Object[] profileArguments;

        @Setup(Level.Trial)
        public void setUp() throws UnkeyableParameterException {
            ForkCheck.requireNoAgent();
            Map<String, String> attributes = new HashMap<>();
            attributes.put("region", "eu-west");
            attributes.put("currency", "EUR");
            attributes.put("promotion", "spring-sale");
            quoteArguments = new Object[] {"SKU-123456", 3, Channel.WEB, attributes};
            profileArguments = new Object[] {CachedCallBenchmark.HIT_ID};
            // The key must not depend on the map's iteration order, or the benchmark measures a broken hasher.
            Object[] sameQuote = {"SKU-123456", 3, Channel.WEB, new TreeMap<>(attributes).descendingMap()};
            String key = ArgumentHasher.key(prefix, quoteIdentityPrefix, quoteArguments, allFour);
            if (!key.equals(ArgumentHasher.key(prefix, quoteIdentityPrefix, sameQuote, allFour))
                    || !key.equals(ArgumentHasher.key(prefix, quoteIdentity, quoteArguments, allFour))
                    || key.length() != prefix.length() + 32) {
                throw new IllegalStateException("unexpected key " + key);
            }
        }
    }
}
