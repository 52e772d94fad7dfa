package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sources merge in order (defaults &lt; file &lt; environment &lt; system properties &lt; agent
 * arguments); every value is checked, and a problem is reported naming the key and the value
 * (never a password); unknown keys are warnings.
 */
class ConfigLoaderTest {

    private static final String PASSWORD = "hunter2-s3cret";

    @TempDir
    Path directory;

    private final Map<String, String> environment = new HashMap<>();
    private final Properties systemProperties = new Properties();

    // ---------------------------------------------------------------- defaults

    @Test
    void nothingGivenYieldsTheDefaults() {
        ConfigLoader.Result result = load("");

        AgentConfig config = result.config();
        assertAll(
                () -> assertEquals(List.of(), result.errors()),
                () -> assertEquals(List.of(), result.warnings()),
                () -> assertNull(config.redisUrl()),
                () -> assertEquals(5 * 60_000L, config.millis(Setting.CACHE_TTL)),
                () -> assertEquals("5m", config.formatDuration(Setting.CACHE_TTL)),
                () -> assertEquals("app", config.text(Setting.CACHE_NAMESPACE)),
                () -> assertFalse(result.strict()),
                () -> assertEquals("info", result.logLevel()));
    }

    @Test
    void nullAgentArgumentsAreTheSameAsNone() {
        ConfigLoader.Result result = ConfigLoader.load(null, environment, systemProperties);

        assertEquals(List.of(), result.errors());
        assertEquals("app", result.config().text(Setting.CACHE_NAMESPACE));
    }

    @Test
    void everySettingHasAValidDefault() {
        AgentConfig defaults = AgentConfig.defaults();

        List<Setting> unsetByDefault = List.of(Setting.REDIS_URL, Setting.CACHE_USER_PROVIDER, Setting.CACHE_SIGNING_KEY,
                Setting.REDIS_TLS_CA, Setting.REDIS_TLS_TRUSTSTORE, Setting.REDIS_TLS_TRUSTSTORE_PASSWORD,
                Setting.REDIS_TLS_KEYSTORE, Setting.REDIS_TLS_KEYSTORE_PASSWORD, Setting.REDIS_TLS_CERT, Setting.REDIS_TLS_KEY,
                Setting.REDIS_CLUSTER_NODES, Setting.REDIS_SENTINEL_NODES, Setting.REDIS_SENTINEL_MASTER, Setting.REDIS_USER,
                Setting.REDIS_PASSWORD, Setting.REDIS_SENTINEL_USER, Setting.REDIS_SENTINEL_PASSWORD);
        for (Setting setting : Setting.values()) {
            if (!unsetByDefault.contains(setting)) {
                assertNotNull(defaults.text(setting), setting.key());
            }
        }
        assertNull(defaults.optionalText(Setting.CACHE_USER_PROVIDER), "unset unless configured");
    }

    @Test
    void aSigningKeyTooShortIsAnErrorThatDoesNotShowTheKey() {
        ConfigLoader.Result result = load("cache.signing.key=short-S3cr3t");

        assertNull(result.config());
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).contains("cache.signing.key=(hidden)"), result.errors().get(0));
        assertTrue(result.errors().get(0).contains("shorter than 16 characters"), result.errors().get(0));
        assertFalse(result.errors().get(0).contains("short-S3cr3t"), result.errors().get(0));
        assertEquals("a-key-of-sixteen-or-more", load("cache.signing.key=a-key-of-sixteen-or-more").config()
                .optionalText(Setting.CACHE_SIGNING_KEY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", value = {
        "cache.user.provider=com.acme.Session#currentUser | ",
        "cache.user.provider=Session#user                 | ",
        "cache.user.provider=com.acme.Session             | not of the form com.acme.Class#method",
        "cache.user.provider=com.acme.Session#current()   | not of the form com.acme.Class#method",
    })
    void theUserProviderIsAStaticMethodName(String argument, String problem) {
        ConfigLoader.Result result = load(argument);

        if (problem == null) {
            assertEquals(List.of(), result.errors());
            assertEquals(argument.substring(argument.indexOf('=') + 1), result.config().optionalText(Setting.CACHE_USER_PROVIDER));
        } else {
            assertTrue(result.errors().get(0).contains(problem), result.errors().toString());
        }
    }

    @Test
    void blankRedisUrlMeansTheInProcessStore() {
        assertNull(load("redis.url=").config().redisUrl());
    }

    // ---------------------------------------------------------------- precedence

    @Test
    void fileOverridesTheDefault() throws IOException {
        Path file = propertiesFile("redis.url=redis://from-file:6379", "cache.ttl=30s");

        AgentConfig config = load("config=" + file).config();

        assertEquals("from-file", config.redisUrl().host());
        assertEquals(30_000L, config.millis(Setting.CACHE_TTL));
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = propertiesFile("redis.url=redis://from-file:6379");
        environment.put("REDISCACHE_REDIS_URL", "redis://from-env:6379");

        assertEquals("from-env", load("config=" + file).config().redisUrl().host());
    }

    @Test
    void systemPropertyOverridesTheEnvironment() throws IOException {
        Path file = propertiesFile("redis.url=redis://from-file:6379");
        environment.put("REDISCACHE_REDIS_URL", "redis://from-env:6379");
        systemProperties.setProperty("rediscache.redis.url", "redis://from-system-property:6379");

        assertEquals("from-system-property", load("config=" + file).config().redisUrl().host());
    }

    @Test
    void agentArgumentOverridesEverything() throws IOException {
        Path file = propertiesFile("redis.url=redis://from-file:6379");
        environment.put("REDISCACHE_REDIS_URL", "redis://from-env:6379");
        systemProperties.setProperty("rediscache.redis.url", "redis://from-system-property:6379");

        AgentConfig config = load("config=" + file + ",redis.url=redis://from-agent-argument:6379").config();

        assertEquals("from-agent-argument", config.redisUrl().host());
    }

    @Test
    void agentArgumentOverridesTheFileWhateverTheirOrder() throws IOException {
        Path file = propertiesFile("cache.ttl=30s");

        AgentConfig config = load("cache.ttl=1h,config=" + file).config();

        assertEquals(3_600_000L, config.millis(Setting.CACHE_TTL));
    }

    @Test
    void precedenceIsPerKey() throws IOException {
        Path file = propertiesFile("cache.ttl=30s", "cache.namespace=from-file");
        environment.put("REDISCACHE_CACHE_NAMESPACE", "from-env");

        AgentConfig config = load("config=" + file).config();

        assertEquals("from-env", config.text(Setting.CACHE_NAMESPACE));
        assertEquals(30_000L, config.millis(Setting.CACHE_TTL));
    }

    @Test
    void everySettingHasAnEnvironmentVariable() {
        environment.put("REDISCACHE_REDIS_POOL_SIZE", "4");
        environment.put("REDISCACHE_AGENT_LOG_LEVEL", "warn");

        ConfigLoader.Result result = load("");

        assertEquals(4, result.config().count(Setting.REDIS_POOL_SIZE));
        assertEquals("warn", result.logLevel());
    }

    @Test
    void environmentVariablesWithoutThePrefixAreIgnored() {
        environment.put("PATH", "/usr/bin");
        environment.put("REDIS_URL", "not even a url");

        ConfigLoader.Result result = load("");

        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void systemPropertiesWithoutThePrefixAreIgnored() {
        systemProperties.setProperty("java.version", "17");
        systemProperties.setProperty("redis.url", "not even a url");

        ConfigLoader.Result result = load("");

        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
    }

    // ---------------------------------------------------------------- durations

    @ParameterizedTest(name = "cache.ttl={0} is {1} ms")
    @CsvSource({
        "250ms, 250",
        "30s, 30000",
        "5m, 300000",
        "1h, 3600000",
        "90, 90000",
        "' 2M ', 120000",
        "1500MS, 1500",
    })
    void durationsAcceptEveryUnitAndABareNumberOfSeconds(String text, long millis) {
        assertEquals(millis, load("cache.ttl=" + text).config().millis(Setting.CACHE_TTL));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"abc", "", "0", "0s", "-5s", "1.5s", "5d", "ms", "10 000", "1234567890123s"})
    void notAPositiveDuration(String text) {
        long millis = Durations.parseMillis(text);

        assertTrue(millis <= 0, "parseMillis(\"" + text + "\") = " + millis);
    }

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({"250, 250ms", "1000, 1s", "90000, 90s", "300000, 5m", "3600000, 1h", "5400000, 90m"})
    void durationsFormatInTheLargestExactUnit(long millis, String text) {
        assertEquals(text, Durations.format(millis));
    }

    // ---------------------------------------------------------------- invalid values

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "cache.ttl=abc",
        "cache.ttl=0",
        "cache.ttl=-5s",
        "redis.timeout.socket=soon",
        "redis.pool.size=many",
        "redis.pool.size=0",
        "redis.pool.size=3",
        "cache.max.value.bytes=1.5",
        "cache.namespace=a|b",
        "cache.namespace=my app",
        "agent.strict=yes",
        "agent.log.level=verbose",
        "redis.url=http://cache.example.com:6379",
        "redis.url=redis://cache.example.com:6379/db1",
    })
    void invalidValueIsAnErrorNamingTheKeyAndTheValue(String keyAndValue) {
        ConfigLoader.Result result = load(keyAndValue);

        assertNull(result.config());
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).contains(keyAndValue), result.errors().get(0));
    }

    /** White space as regex {@code \s} knows it, anywhere inside, also more than one line break. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"my app", "my\tapp", "my\napp", "my\n\napp", "my\u000Bapp", "my\fapp", "my\rapp"})
    void aNameOrUserWithWhiteSpaceIsInvalid(String text) {
        environment.put("REDISCACHE_CACHE_NAMESPACE", text);
        environment.put("REDISCACHE_REDIS_SENTINEL_MASTER", text);

        List<String> errors = load("").errors();

        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("redis.sentinel.master=") && errors.get(0).contains("contains white space"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("cache.namespace=") && errors.get(1).contains("not a valid name"),
                errors.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"my-app", "caf\u00e9", "a\u00a0b"})
    void aNameWithoutWhiteSpaceIsValid(String text) {
        environment.put("REDISCACHE_CACHE_NAMESPACE", text);

        assertEquals(text, load("").config().text(Setting.CACHE_NAMESPACE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"error", "WARN", "Info", "debug"})
    void everyLogLevelIsValidInAnyCase(String level) {
        assertTrue(load("agent.log.level=" + level).errors().isEmpty());
    }

    @Test
    void errorSaysWhatWasExpectedAndWhereTheValueCameFrom() {
        environment.put("REDISCACHE_CACHE_TTL", "abc");

        String error = load("").errors().get(0);

        assertTrue(error.contains("REDISCACHE_CACHE_TTL"), error);
        assertTrue(error.contains("30s"), error);
    }

    @Test
    void everyInvalidValueIsReported() {
        ConfigLoader.Result result = load("cache.ttl=abc,redis.pool.size=many");

        assertEquals(2, result.errors().size(), result.errors().toString());
    }

    @Test
    void argumentThatIsNotKeyEqualsValueIsAnError() {
        ConfigLoader.Result result = load("verbose");

        assertNull(result.config());
        assertTrue(result.errors().get(0).contains("'verbose'"), result.errors().get(0));
    }

    @Test
    void missingConfigFileIsAnErrorNamingThePath() {
        Path missing = directory.resolve("no-such/agent.properties");

        ConfigLoader.Result result = load("config=" + missing);

        assertNull(result.config());
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertTrue(result.errors().get(0).contains(missing.toString()), result.errors().get(0));
    }

    @Test
    void invalidValueInTheFileNamesTheFile() throws IOException {
        Path file = propertiesFile("cache.ttl=soon");

        String error = load("config=" + file).errors().get(0);

        assertTrue(error.contains("cache.ttl=soon"), error);
        assertTrue(error.contains("agent.properties"), error);
    }

    // ---------------------------------------------------------------- unknown and reserved keys

    @Test
    void unknownKeyIsAWarningNamingIt() {
        ConfigLoader.Result result = load("cache.tll=5m");

        assertNotNull(result.config());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).contains("'cache.tll'"), result.warnings().get(0));
    }

    @Test
    void unknownKeyInTheFileIsAWarningNamingIt() throws IOException {
        Path file = propertiesFile("redis.uri=redis://host:6379");

        ConfigLoader.Result result = load("config=" + file);

        assertNotNull(result.config());
        assertTrue(result.warnings().get(0).contains("'redis.uri'"), result.warnings().toString());
    }

    @Test
    void unknownEnvironmentVariableIsAWarningNamingIt() {
        environment.put("REDISCACHE_REDIS_URI", "redis://host:6379");

        ConfigLoader.Result result = load("");

        assertNotNull(result.config());
        assertTrue(result.warnings().get(0).contains("REDISCACHE_REDIS_URI"), result.warnings().toString());
    }

    @Test
    void unknownSystemPropertyIsAWarningNamingIt() {
        systemProperties.setProperty("rediscache.cache.tll", "5m");

        ConfigLoader.Result result = load("");

        assertNotNull(result.config());
        assertTrue(result.warnings().get(0).contains("cache.tll"), result.warnings().toString());
    }

    // ---------------------------------------------------------------- passwords

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis://user:" + PASSWORD + "@:6379",
        "redis://user:" + PASSWORD + "@cache.example.com:99999",
        "redis://user:" + PASSWORD + "@cache.example.com:6379/db1",
        "redis://:" + PASSWORD + "@cache.example.com:6379/0/extra",
        "http://user:" + PASSWORD + "@cache.example.com:6379",
        "redis://user:" + PASSWORD + " with space@cache.example.com",
        "redis://user:" + PASSWORD + "%zz@cache.example.com",
        "user:" + PASSWORD + "@cache.example.com:6379",
        "redis:user:" + PASSWORD + "@cache.example.com:6379",
        "redis:/user:" + PASSWORD + "@cache.example.com:6379",
        "//user:" + PASSWORD + "@cache.example.com:6379",
    })
    void invalidRedisUrlErrorNeverShowsThePassword(String url) {
        systemProperties.setProperty("rediscache.redis.url", url);

        ConfigLoader.Result result = load("");

        assertNull(result.config(), "the URL must be refused: " + url);
        assertEquals(1, result.errors().size());
        String error = result.errors().get(0);
        assertTrue(error.contains("redis.url="), error);
        assertFalse(error.contains(PASSWORD), error);
    }

    @Test
    void warningsNeverShowValues() {
        environment.put("REDISCACHE_REDIS_PASSWD", PASSWORD); // misspelt: unknown, and its value must not show
        ConfigLoader.Result result = load("redis.passwd=" + PASSWORD);

        assertEquals(2, result.warnings().size(), result.warnings().toString());
        for (String warning : result.warnings()) {
            assertFalse(warning.contains(PASSWORD), warning);
        }
    }

    // ---------------------------------------------------------------- strict and log level

    @Test
    void strictIsReported() {
        assertTrue(load("agent.strict=true").strict());
    }

    @Test
    void strictIsReportedAlongsideErrors() {
        ConfigLoader.Result result = load("agent.strict=TRUE,cache.ttl=abc");

        assertTrue(result.strict());
        assertNull(result.config());
    }

    @Test
    void strictIsOffWhenItsValueIsInvalid() {
        ConfigLoader.Result result = load("agent.strict=yes");

        assertFalse(result.strict());
        assertFalse(result.errors().isEmpty());
    }

    @Test
    void validLogLevelIsReportedInLowerCase() {
        assertEquals("debug", load("agent.log.level=DEBUG").logLevel());
    }

    @Test
    void invalidLogLevelIsAnErrorAndFallsBackToInfo() {
        ConfigLoader.Result result = load("agent.log.level=verbose");

        assertEquals("info", result.logLevel());
        assertNull(result.config());
        assertTrue(result.errors().get(0).contains("agent.log.level=verbose"), result.errors().get(0));
    }

    @Test
    void logLevelIsReportedEvenWhenOtherSettingsHaveErrors() {
        ConfigLoader.Result result = load("agent.log.level=warn,cache.ttl=abc");

        assertNull(result.config());
        assertEquals("warn", result.logLevel());
    }

    // ---------------------------------------------------------------- helpers

    private ConfigLoader.Result load(String agentArguments) {
        return ConfigLoader.load(agentArguments, environment, systemProperties);
    }

    private Path propertiesFile(String... lines) throws IOException {
        Path file = directory.resolve("agent.properties");
        Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
