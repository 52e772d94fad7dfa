package io.rediscache.it.keys;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cache keys depend on the logical value of the arguments only, never on identity, hash codes
 * or iteration order, and they tell apart values that merely look alike.
 *
 * <p>JVM A (Java 17) calls a cached method once per argument kind and stores. JVM B, a new
 * process with {@code -XX:hashCode=2} (every identity hash code is 1, so enum and record hash
 * codes, and the order of hash-based collections, differ from A's), calls with logically equal
 * arguments built differently ({@link KeyArguments}) and must be served A's entry for each;
 * then calls with look-alike arguments, which must miss. JVM C, on the Temurin 25 JDK, repeats
 * B's equal calls: keys must survive a JDK upgrade.
 */
@ExtendWith(RedisHarness.class)
class KeyDeterminismTest {

    private static ForkedJvm.Result a;
    private static ForkedJvm.Result b;
    private static ForkedJvm.Result c;
    private static List<String> keysAfterA;
    private static String namespace;
    private static RedisTarget redis;

    @BeforeAll
    static void storeInOneJvmThenCallFromOthers(RedisTarget target) throws Exception {
        redis = target;
        namespace = RedisTarget.uniqueNamespace("keys");
        a = jvm().run(KeyApp.class, "A", "store").assertSucceeded();
        keysAfterA = keys();
        b = jvm().jvmOption("-XX:+UnlockExperimentalVMOptions").jvmOption("-XX:hashCode=2")
                .run(KeyApp.class, "B", "hit-and-differ").assertSucceeded();
        c = jvm().javaHome(ForkedJvm.jdk25Home()).run(KeyApp.class, "C", "hit").assertSucceeded();
    }

    private static ForkedJvm jvm() {
        return ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .set("cache.ttl", "5m");
    }


    static List<String> sameNames() {
        return KeyArguments.sameNames();
    }

    static List<String> differentNames() {
        return KeyArguments.differentNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameNames")
    void anEqualArgumentBuiltDifferentlyInAnotherJvmHitsTheSameEntry(String kind) {
        assertAll(kind,
                () -> assertEquals("true", a.get("A." + kind + ".ran"), kind + ": JVM A's call must be a miss that stores"),
                () -> assertEquals("false", b.get("B." + kind + ".ran"),
                        kind + ": JVM B (-XX:hashCode=2) must hit, not run the body; returned " + b.get("B." + kind)),
                () -> assertEquals(a.get("A." + kind), b.get("B." + kind), kind + ": JVM B must be served A's entry for it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameNames")
    void anEqualArgumentOnJava25HitsTheEntryJava17Stored(String kind) {
        assertAll(kind,
                () -> assertEquals("false", c.get("C." + kind + ".ran"),
                        kind + ": JVM C (Java 25) must hit, not run the body; returned " + c.get("C." + kind)),
                () -> assertEquals(a.get("A." + kind), c.get("C." + kind), kind + ": JVM C must be served A's entry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("differentNames")
    void aLookAlikeArgumentMisses(String kind) {
        assertEquals("true", b.get("B." + kind + ".ran"),
                kind + ": must get a key of its own, but was served " + b.get("B." + kind));
    }

    @Test
    void jvmBReallyHadOtherIdentityHashCodes() {
        assertEquals("1,1", b.get("B.identityHashCodes"), "-XX:hashCode=2 makes every identity hash code 1");
        assertNotEquals("1,1", a.get("A.identityHashCodes"));
    }

    @Test
    void everyArgumentOfJvmAGotItsOwnKey() {
        assertEquals(KeyArguments.SAME.size(), keysAfterA.size(), "one key per argument kind stored by A: " + keysAfterA);
        assertEquals(String.valueOf(KeyArguments.SAME.size()), a.get("A.runs"));
    }

    @Test
    void keysHaveTheDocumentedShape() {
        List<String> all = keys();
        assertEquals(KeyArguments.SAME.size() + KeyArguments.DIFFERENT.size(), all.size(),
                "A's entries plus one per look-alike argument of B; C added none");
        Pattern shape = Pattern.compile(Pattern.quote(namespace) + "\\|(keys|search)\\|[0-9a-f]{32}");
        for (String key : all) {
            assertTrue(shape.matcher(key).matches(), key + " is not {namespace}|{cache}|{32 hex digits}");
        }
        assertEquals(2, all.stream().filter(key -> key.startsWith(namespace + "|search|")).count(),
                "the search cache has A's entry and B's other-region entry: " + all);
    }

    @Test
    void theAgentRefusedNoArgumentAndWarnedAboutNothing() {
        for (ForkedJvm.Result run : List.of(a, b, c)) {
            List<String> warnings = run.stderr().lines().filter(line -> line.contains("[WARN]") || line.contains("[ERROR]"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), warnings);
        }
    }

    private static List<String> keys() {
        return redis.keys(namespace + "|*");
    }
}
