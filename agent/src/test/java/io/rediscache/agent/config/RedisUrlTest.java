package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code redis.url} parsing, and a {@code toString} and redaction that never show the password. */
class RedisUrlTest {

    @Test
    void fullUrlIsParsedWithItsPercentEncodedPasswordDecoded() {
        RedisUrl url = RedisUrl.parse("redis://user:pa%40ss@cache.example.com:6380/2");

        assertAll(
                () -> assertEquals("cache.example.com", url.host()),
                () -> assertEquals(6380, url.port()),
                () -> assertEquals(2, url.database()),
                () -> assertEquals("user", url.user()),
                () -> assertEquals("pa@ss", url.password()),
                () -> assertFalse(url.tls()));
    }

    @Test
    void redissMeansTls() {
        RedisUrl url = RedisUrl.parse("rediss://cache.example.com:6380");

        assertTrue(url.tls());
        assertEquals(6380, url.port());
    }

    @Test
    void portDefaultsTo6379AndDatabaseTo0() {
        RedisUrl url = RedisUrl.parse("redis://cache.example.com");

        assertEquals(6379, url.port());
        assertEquals(0, url.database());
        assertNull(url.user());
        assertNull(url.password());
    }

    @Test
    void rootPathIsDatabase0() {
        assertEquals(0, RedisUrl.parse("redis://cache.example.com:6379/").database());
    }

    @Test
    void passwordWithoutUserIsTheDefaultUsersPassword() {
        RedisUrl url = RedisUrl.parse("redis://:secret@cache.example.com");

        assertNull(url.user());
        assertEquals("secret", url.password());
    }

    @Test
    void userInformationWithoutColonIsAPassword() {
        RedisUrl url = RedisUrl.parse("redis://secret@cache.example.com");

        assertNull(url.user());
        assertEquals("secret", url.password());
    }

    @Test
    void plusInThePasswordStaysAPlus() {
        assertEquals("a+b", RedisUrl.parse("redis://user:a+b@cache.example.com").password());
    }

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        assertEquals("cache.example.com", RedisUrl.parse("  redis://cache.example.com:6379  ").host());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://cache.example.com, scheme",
        "cache.example.com:6379, scheme",
        "redis://, not a URL",
        "redis://:6379, host",
        "redis://cache.example.com:0, port",
        "redis://cache.example.com:65536, port",
        "redis://cache.example.com/db1, database number",
        "redis://cache.example.com/123456, database number",
        "redis://cache example.com, not a URL",
    })
    void invalidUrlIsRefusedSayingWhatIsWrong(String text, String problem) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(text));

        assertTrue(refused.getMessage().contains(problem), refused.getMessage());
    }

    @Test
    void toStringShowsEverythingButThePassword() {
        RedisUrl url = RedisUrl.parse("redis://user:pa%40ss@cache.example.com:6380/2");

        assertEquals("redis://****@cache.example.com:6380/2", url.toString());
    }

    @Test
    void toStringOfATlsUrlWithoutPassword() {
        assertEquals("rediss://cache.example.com:6379/0", RedisUrl.parse("rediss://cache.example.com").toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "redis://user:secret@cache.example.com:6379, redis://****@cache.example.com:6379",
        "redis://user:sec@ret@cache.example.com, redis://****@cache.example.com",
        "redis://cache.example.com:6379, redis://cache.example.com:6379",
        "user:secret@cache.example.com:6379, ****@cache.example.com:6379",
        "redis:user:secret@cache.example.com, ****@cache.example.com",
        "//user:secret@cache.example.com, ****@cache.example.com",
        "user:sec://ret@cache.example.com, ****@cache.example.com",
    })
    void redactionHidesTheUserInformation(String text, String redacted) {
        assertEquals(redacted, RedisUrl.redact(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "redis://user:secret@:6379",
        "redis://user:secret@host:99999",
        "redis://user:sec ret@host",
        "user:secret@host",
        "redis:/user:secret@host",
        "redis://user:secret@host/0#frag@ment",
    })
    void redactionOfAnyUrlWithAPasswordNeverShowsIt(String text) {
        String redacted = RedisUrl.redact(text);

        assertFalse(redacted.contains("secret"), redacted);
        assertFalse(redacted.contains("sec ret"), redacted);
    }
}
