package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code lock.replicas} (how many replicas must acknowledge a lock's acquisition, 0 = do not
 * wait) and {@code lock.replicas.timeout} (how long to wait for them): defaults, accepted
 * values, and errors naming the key, the value and what was expected.
 */
class LockReplicasSettingsTest {

    private final Properties systemProperties = new Properties();

    @Test
    void byDefaultNoReplicaIsWaitedFor() {
        AgentConfig config = load("redis.url=redis://127.0.0.1:6390").config();

        assertAll(
                () -> assertEquals(0, config.count(Setting.LOCK_REPLICAS)),
                () -> assertEquals(100, config.millis(Setting.LOCK_REPLICAS_TIMEOUT)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'lock.replicas=1', 1, 100",
        "'lock.replicas=2,lock.replicas.timeout=250ms', 2, 250",
        "'lock.replicas= 0 ,lock.replicas.timeout=2', 0, 2000",
    })
    void acceptedValues(String arguments, int replicas, long timeoutMillis) {
        ConfigLoader.Result result = load("redis.url=redis://127.0.0.1:6390," + arguments);

        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
        assertEquals(replicas, result.config().count(Setting.LOCK_REPLICAS));
        assertEquals(timeoutMillis, result.config().millis(Setting.LOCK_REPLICAS_TIMEOUT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "lock.replicas=-1; negative; a whole number of replicas, 0 (do not wait for replicas) or more",
        "lock.replicas=one; not a whole number; a whole number of replicas",
        "lock.replicas=1.5; not a whole number; a whole number of replicas",
        "lock.replicas=99999999999; not a whole number; a whole number of replicas",
        "lock.replicas.timeout=0; not a positive duration; a positive duration",
        "lock.replicas.timeout=0ms; not a positive duration; a positive duration",
        "lock.replicas.timeout=soon; not a positive duration; a positive duration",
        "lock.replicas.timeout=-100ms; not a positive duration; a positive duration",
    })
    void invalidValueIsAnErrorNamingTheKeyTheValueAndWhatWasExpected(String keyAndValue, String problem, String expected) {
        ConfigLoader.Result result = load("redis.url=redis://127.0.0.1:6390," + keyAndValue);

        assertNull(result.config());
        assertEquals(1, result.errors().size(), result.errors().toString());
        String error = result.errors().get(0);
        assertTrue(error.startsWith(keyAndValue + " (from the agent arguments) is invalid: " + problem + ";"), error);
        assertTrue(error.contains("expected " + expected), error);
    }

    @Test
    void replicasWithoutRedisAreAWarningNamingTheKeyAndValue() {
        ConfigLoader.Result result = load("lock.replicas=1");

        assertEquals(List.of(), result.errors());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).startsWith("lock.replicas=1 (from the agent arguments) has no effect without Redis"),
                result.warnings().get(0));
    }

    @Test
    void theEnvironmentSetsThemToo() {
        HashMap<String, String> environment = new HashMap<>();
        environment.put("REDISCACHE_LOCK_REPLICAS", "1");
        environment.put("REDISCACHE_LOCK_REPLICAS_TIMEOUT", "50ms");

        AgentConfig config = ConfigLoader.load("redis.url=redis://127.0.0.1:6390", environment, systemProperties).config();

        assertEquals(1, config.count(Setting.LOCK_REPLICAS));
        assertEquals(50, config.millis(Setting.LOCK_REPLICAS_TIMEOUT));
    }

    private ConfigLoader.Result load(String agentArguments) {
        return ConfigLoader.load(agentArguments, new HashMap<>(), systemProperties);
    }
}
