package io.rediscache.it.values;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results of every kind round-trip through Redis intact (see {@link ValueKinds} for the kinds
 * and what "intact" means for each): in one JVM, the second call is a hit equal to the first
 * call's result; a second JVM on Java 17, and a third on the Temurin 25 JDK, read every entry
 * the first one stored as a hit equal to a freshly built value; a fourth reads every entry
 * three times through its near tier (each caller a copy of the value decoded once), each time
 * equal to a freshly built value.
 *
 * <p>Four forked JVMs in all, run once for the class; the parameterized tests read their
 * per-kind {@code RESULT} lines.
 */
@ExtendWith(RedisHarness.class)
class ValueTypesTest {

    private static final long PRIMITIVE_KINDS = 9;

    private static ForkedJvm.Result fill;
    private static ForkedJvm.Result readJava17;
    private static ForkedJvm.Result readJava25;
    private static ForkedJvm.Result readNear;
    private static String namespace;
    private static RedisTarget redis;

    @BeforeAll
    static void fillThenReadInNewJvms(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("values");
        fill = jvm().run(ValueTypesApp.class, "fill").assertSucceeded();
        readJava17 = jvm().run(ValueTypesApp.class, "read", "acrossJvms").assertSucceeded();
        readJava25 = jvm().javaHome(ForkedJvm.jdk25Home()).run(ValueTypesApp.class, "read", "acrossJdks").assertSucceeded();
        readNear = jvm().set("cache.near.enabled", "true").run(ValueTypesApp.class, "read", "near").assertSucceeded();
    }

    private static ForkedJvm jvm() {
        return ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .set("cache.ttl", "5m");
    }


    static Stream<String> kinds() {
        return ValueKinds.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSecondCallInTheSameJvmIsAHitEqualToTheOriginal(String kind) {
        assertEquals("ok", fill.get("inJvm." + kind), () -> "value kind '" + kind + "', same JVM" + agentWarnings(fill));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aNewJvmReadsTheStoredValueAsAHitEqualToAFreshOne(String kind) {
        assertEquals("ok", readJava17.get("acrossJvms." + kind),
                () -> "value kind '" + kind + "', read by a new Java 17 JVM" + agentWarnings(readJava17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aNewJvmOnJava25ReadsWhatJava17Stored(String kind) {
        assertEquals("ok", readJava25.get("acrossJdks." + kind),
                () -> "value kind '" + kind + "', read by a new Java 25 JVM" + agentWarnings(readJava25));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nearHitsOfANewJvmAreEqualToAFreshValueCallAfterCall(String kind) {
        assertEquals("ok", readNear.get("near." + kind),
                () -> "value kind '" + kind + "', read through the near tier" + agentWarnings(readNear));
    }

    @Test
    void theNearRunsCallsAfterTheFirstOfEachKindWereNearHits() {
        assertTrue(readNear.getLong("near.nearHits") >= 2L * ValueKinds.names().size(), readNear.describe());
    }

    @Test
    void everyRunReportedEveryKindAndTheAgentWarnedAboutNothing() {
        for (var run : List.of(fill, readJava17, readJava25, readNear)) {
            String phase = run == fill ? "inJvm" : run == readJava17 ? "acrossJvms" : run == readJava25 ? "acrossJdks"
                    : "near";
            assertEquals(ValueKinds.names().size(), run.getLong(phase + ".kinds"), run.describe());
            assertEquals(List.of(), warnings(run), phase);
        }
    }

    @Test
    void eachKindIsOneEntryWithATtl() {
        List<String> values = keys("values");
        assertEquals(ValueKinds.names().size() - PRIMITIVE_KINDS, values.size(), "one entry per reference kind");
        assertEquals(PRIMITIVE_KINDS, keys("primitives").size(), "one entry per primitive-returning method");
        for (String key : values) {
            long ttl = redis.client().ttl(key);
            assertTrue(ttl > 0 && ttl <= 300, key + " has TTL " + ttl);
        }
    }

    private static String agentWarnings(ForkedJvm.Result run) {
        List<String> warnings = warnings(run);
        return warnings.isEmpty() ? "" : "; agent said:\n" + String.join("\n", warnings);
    }

    private static List<String> warnings(ForkedJvm.Result run) {
        return run.stderr().lines().filter(line -> line.contains("[WARN]") || line.contains("[ERROR]"))
                .collect(Collectors.toList());
    }

    private static List<String> keys(String cache) {
        return redis.keys(namespace + "|" + cache + "|*");
    }
}
