package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The method syntax of {@code cache.method.*} and {@code lock.method.*} entries: exact signatures, globs, overloads. */
class MethodPatternTest {

    private static final List<String> STRING_INT = List.of("java.lang.String", "int");

    @Test
    void anExactSignatureMatchesThatOverloadOnly() {
        MethodPattern pattern = MethodPattern.parse("com.acme.PriceService#getPrice(java.lang.String,int)");

        assertTrue(pattern.isExactSignature());
        assertEquals("com.acme.PriceService", pattern.exactClassName());
        assertTrue(pattern.matchesClass("com.acme.PriceService"));
        assertFalse(pattern.matchesClass("com.acme.PriceServiceImpl"));
        assertFalse(pattern.matchesClass("com.acme.other.PriceService"));
        assertTrue(pattern.matchesMethod("getPrice", STRING_INT));
        assertFalse(pattern.matchesMethod("getPrice", List.of("java.lang.String")));
        assertFalse(pattern.matchesMethod("getPrice", List.of("int", "java.lang.String")));
        assertFalse(pattern.matchesMethod("getPrices", STRING_INT));
    }

    @Test
    void withoutAParameterListEveryOverloadMatches() {
        MethodPattern pattern = MethodPattern.parse("com.acme.PriceService#getPrice");

        assertFalse(pattern.isExactSignature());
        assertTrue(pattern.matchesMethod("getPrice", STRING_INT));
        assertTrue(pattern.matchesMethod("getPrice", List.of()));
        assertTrue(MethodPattern.parse("com.acme.PriceService#getPrice(..)").matchesMethod("getPrice", STRING_INT));
    }

    @Test
    void anEmptyParameterListMatchesTheMethodWithoutParameters() {
        MethodPattern pattern = MethodPattern.parse("com.acme.Index#rebuild()");

        assertTrue(pattern.isExactSignature());
        assertTrue(pattern.matchesMethod("rebuild", List.of()));
        assertFalse(pattern.matchesMethod("rebuild", List.of("int")));
    }

    @ParameterizedTest(name = "{0} matches class {1}: {2}")
    @CsvSource({
        "com.acme.*Service#find*,  com.acme.PriceService,        true",
        "com.acme.*Service#find*,  com.acme.Service,             true",
        "com.acme.*Service#find*,  com.acme.sub.PriceService,    false",
        "com.acme.*Service#find*,  com.acme.PriceServiceImpl,    false",
        "com.acme.*Service#find*,  com.acme.Outer$PriceService,  true",
        "com.acme.**Service#find*, com.acme.sub.PriceService,    true",
        "com.acme.**#find*,        com.acme.a.b.C,               true",
        "com.acme.**#find*,        com.acmeX.C,                  false",
        "*.PriceService#find,      com.PriceService,             true",
        "*.PriceService#find,      com.acme.PriceService,        false",
        "**.PriceService#find,     com.acme.PriceService,        true",
        "com.acme.Outer$Inner#run, com.acme.Outer$Inner,         true",
        "com.acme.Outer$Inner#run, com.acme.OuterXInner,         false",
    })
    void classGlobs(String pattern, String className, boolean matches) {
        assertEquals(matches, MethodPattern.parse(pattern).matchesClass(className));
    }

    @ParameterizedTest(name = "{0} matches method {1}: {2}")
    @CsvSource({
        "a.B#find*,    find,         true",
        "a.B#find*,    findByName,   true",
        "a.B#find*,    refind,       false",
        "a.B#*Price,   getPrice,     true",
        "a.B#get*Name, getFullName,  true",
        "a.B#get*Name, getNameX,     false",
        "a.B#*,        anything,     true",
    })
    void methodGlobs(String pattern, String method, boolean matches) {
        assertEquals(matches, MethodPattern.parse(pattern).matchesMethod(method, List.of()));
    }

    @Test
    void parameterTypesAreWrittenAsInJavaSourceWithSpacesAndVarargsAllowed() {
        MethodPattern pattern = MethodPattern.parse(" a.B#m( java.lang.String , int[], byte[][], java.lang.Object... ) ");

        assertTrue(pattern.matchesMethod("m", List.of("java.lang.String", "int[]", "byte[][]", "java.lang.Object[]")));
        assertEquals("a.B#m( java.lang.String , int[], byte[][], java.lang.Object... )", pattern.toString());
    }

    @Test
    void aWildcardInTheClassHasNoExactClassName() {
        assertNull(MethodPattern.parse("com.acme.*Service#find").exactClassName());
        assertFalse(MethodPattern.parse("com.acme.*Service#find()").isExactSignature());
        assertFalse(MethodPattern.parse("com.acme.PriceService#find*()").isExactSignature());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "com.acme.PriceService",
        "com.acme.PriceService#",
        "#getPrice",
        "com.acme.PriceService.getPrice()",
        "com.acme.PriceService#getPrice(java.lang.String",
        "com.acme.PriceService#get-Price",
        "com.acme..PriceService#getPrice",
        ".com.acme.PriceService#getPrice",
        "com.acme.PriceService#getPrice(java.util.List<java.lang.String>)",
        "com.acme.PriceService#getPrice(java.lang.String,)",
        "com.acme.PriceService#getPrice(java.lang.String int)",
        "com acme.PriceService#getPrice",
    })
    void malformedPatternsAreRefusedWithAReason(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MethodPattern.parse(text));
        assertFalse(error.getMessage().isEmpty());
    }
}
