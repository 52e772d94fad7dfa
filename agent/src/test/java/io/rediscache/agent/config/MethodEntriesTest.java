package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cache.method.*} and {@code lock.method.*} entries in the properties file: their
 * attributes and defaults, and the errors and warnings a mistyped entry gets (naming the key,
 * the value and what was expected).
 */
class MethodEntriesTest {

    @TempDir
    Path directory;

    @Test
    void aCacheEntryWithItsAttributes() throws IOException {
        ConfigLoader.Result result = load(
                "cache.method.prices=com.acme.PriceService#getPrice(java.lang.String,int)",
                "cache.method.prices.name=price-cache",
                "cache.method.prices.ttl=30s",
                "cache.method.prices.key=0, 1");

        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.warnings());
        MethodEntry entry = result.config().methodEntries().get(0);
        assertEquals(MethodEntry.Kind.CACHE, entry.kind());
        assertEquals("cache.method.prices", entry.key());
        assertEquals("price-cache", entry.name());
        assertEquals(30_000, entry.millis("ttl", -1));
        assertArrayEquals(new int[] {0, 1}, entry.keyArguments());
        assertTrue(entry.pattern().isExactSignature());
    }

    @Test
    void aCacheEntryWithoutAttributesIsNamedAfterItsIdAndKeyedOnEveryArgument() throws IOException {
        MethodEntry entry = load("cache.method.prices=com.acme.*Service#find*").config().methodEntries().get(0);

        assertEquals("prices", entry.name());
        assertEquals(-1, entry.millis("ttl", -1), "no ttl attribute: the caller's default (cache.ttl) applies");
        assertNull(entry.keyArguments());
    }

    @Test
    void aLockEntryWithItsAttributes() throws IOException {
        ConfigLoader.Result result = load(
                "lock.method.payroll=com.acme.Payroll#run(java.lang.String)",
                "lock.method.payroll.name=payroll_{0}",
                "lock.method.payroll.wait=2s",
                "lock.method.payroll.lease=1m",
                "lock.method.payroll.onTimeout=SKIP");

        assertEquals(List.of(), result.errors());
        MethodEntry entry = result.config().methodEntries().get(0);
        assertEquals(MethodEntry.Kind.LOCK, entry.kind());
        assertEquals("payroll_{0}", entry.name());
        assertEquals(2_000, entry.millis("wait", -1));
        assertEquals(60_000, entry.millis("lease", -1));
        assertTrue(entry.skipOnTimeout());
    }

    @Test
    void aLockEntryWithoutAttributesThrowsOnTimeoutAndUsesTheDefaults() throws IOException {
        MethodEntry entry = load("lock.method.payroll=com.acme.Payroll#run", "lock.method.payroll.wait=0")
                .config().methodEntries().get(0);

        assertEquals("payroll", entry.name());
        assertEquals(0, entry.millis("wait", -1), "0 is a valid wait: try once");
        assertEquals(-1, entry.millis("lease", -1));
        assertFalse(entry.skipOnTimeout());
    }

    @Test
    void anEvictEntryNamesItsCachesAndKeyArguments() throws IOException {
        ConfigLoader.Result result = load(
                "evict.method.writer=com.acme.PriceWriter#write(java.lang.String,int)",
                "evict.method.writer.cache=prices, stock",
                "evict.method.writer.key=0");

        assertEquals(List.of(), result.errors());
        MethodEntry entry = result.config().methodEntries().get(0);
        assertEquals(MethodEntry.Kind.EVICT, entry.kind());
        assertArrayEquals(new String[] {"prices", "stock"}, entry.cacheNames());
        assertArrayEquals(new int[] {0}, entry.keyArguments());
    }

    @Test
    void anEvictEntryWithoutAttributesClearsTheCacheNamedByItsId() throws IOException {
        MethodEntry entry = load("evict.method.prices=com.acme.PriceWriter#import*").config().methodEntries().get(0);

        assertArrayEquals(new String[] {"prices"}, entry.cacheNames());
        assertNull(entry.keyArguments(), "no key: the whole cache");
    }

    @Test
    void entriesOfBothKindsComeInKeyOrder() throws IOException {
        List<MethodEntry> entries = load(
                "lock.method.b=a.B#b", "cache.method.z=a.B#z", "cache.method.a=a.B#a").config().methodEntries();

        assertEquals(List.of("cache.method.a", "cache.method.z", "lock.method.b"),
                entries.stream().map(MethodEntry::key).toList());
    }

    @Test
    void systemPropertiesCanListMethodsToo() {
        Properties system = new Properties();
        system.setProperty("rediscache.cache.method.prices", "com.acme.PriceService#getPrice(java.lang.String,int)");
        system.setProperty("rediscache.cache.method.prices.ttl", "10s");

        ConfigLoader.Result result = ConfigLoader.load("", new HashMap<>(), system);

        assertEquals(10_000, result.config().methodEntries().get(0).millis("ttl", -1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", value = {
        "cache.method.prices=com.acme.PriceService                            | cache.method.prices | not of the form com.acme.Class#method",
        "cache.method.prices=com.acme.PriceService#get(java.util.List<String>) | cache.method.prices | is not a type name",
        "cache.method.pr@ices=a.B#c                                           | cache.method.pr@ices | invalid id",
        "cache.method.prices.ttl=30s                                          | cache.method.prices | cache.method.prices itself",
        "cache.method.prices=a.B#c; cache.method.prices.ttl=soon              | cache.method.prices.ttl | a positive duration",
        "cache.method.prices=a.B#c; cache.method.prices.ttl=0s                | cache.method.prices.ttl | a positive duration",
        "cache.method.prices=a.B#c; cache.method.prices.key=first             | cache.method.prices.key | 0-based positions",
        "cache.method.prices=a.B#c; cache.method.prices.key=-1                | cache.method.prices.key | 0-based positions",
        "cache.method.prices=a.B#c; cache.method.prices.name=a|b              | cache.method.prices.name | without '|'",
        "lock.method.payroll=a.B#c; lock.method.payroll.wait=-5               | lock.method.payroll.wait | a duration such as 0s",
        "lock.method.payroll=a.B#c; lock.method.payroll.lease=0               | lock.method.payroll.lease | a positive duration",
        "lock.method.payroll=a.B#c; lock.method.payroll.onTimeout=ignore      | lock.method.payroll.onTimeout | throw or skip",
        "evict.method.w=a.B#c; evict.method.w.cache=prices,,stock             | evict.method.w.cache | cache names separated by commas",
        "evict.method.w=a.B#c; evict.method.w.cache=a|b                       | evict.method.w.cache | cache names separated by commas",
    })
    void aBadEntryIsAnErrorNamingTheKeyAndTheValue(String lines, String key, String expected) throws IOException {
        ConfigLoader.Result result = load(lines.split(";"));

        assertNull(result.config(), "an invalid entry disables the agent like any invalid setting");
        assertEquals(1, result.errors().size(), result.errors().toString());
        String error = result.errors().get(0);
        assertTrue(error.contains(key), error);
        assertTrue(error.contains(expected), error);
        assertTrue(error.contains("agent.properties"), "names the source: " + error);
    }

    @Test
    void anUnknownAttributeIsAWarningListingTheKnownOnes() throws IOException {
        ConfigLoader.Result result = load("lock.method.payroll=a.B#c", "lock.method.payroll.timeout=5s");

        assertNotNull(result.config());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).contains("lock.method.payroll.timeout"), result.warnings().get(0));
        assertTrue(result.warnings().get(0).contains("name, wait, lease, onTimeout"), result.warnings().get(0));
        assertEquals(1, result.config().methodEntries().size());
    }

    private ConfigLoader.Result load(String... lines) throws IOException {
        Path file = directory.resolve("agent.properties");
        Files.write(file, String.join("\n", java.util.Arrays.stream(lines).map(String::trim).toList()).getBytes(StandardCharsets.UTF_8));
        return ConfigLoader.load("config=" + file, new HashMap<>(), new Properties());
    }
}
