package io.rediscache.agent.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SHA1 a script is sent by must be the one Redis files it under, or every {@code EVALSHA}
 * would miss and fall back to {@code EVAL}. (That the agent's scripts really run by SHA1 against
 * a real Redis, and survive {@code SCRIPT FLUSH}, is proven by the integration test
 * {@code LockScriptCacheTest}.)
 */
class LuaScriptTest {

    @Test
    void theSha1IsTheOneRedisReturnsForScriptLoad() {
        // From the Redis documentation of SCRIPT LOAD / EVALSHA.
        assertEquals("c664a3bf70bd1d45c4284ffebb65a6f2299bfc9f",
                new LuaScript("return 'Immabe a cached script'").sha1());
        assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", new LuaScript("return 1").sha1());
    }

    @Test
    void theSha1IsTakenOverTheUtf8Bytes() {
        assertEquals("6832e39b721242dbb406e4bf358bfebb712064d7", new LuaScript("return '\u00e9'").sha1());
    }
}
