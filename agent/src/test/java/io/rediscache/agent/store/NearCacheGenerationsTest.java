package io.rediscache.agent.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the near tier drops when it hears that a cache was cleared (a new generation). */
class NearCacheGenerationsTest {

    private static final byte[] VALUE = {1, 2, 3};

    private final NearCache near = new NearCache("ns", 1 << 20, 60_000);

    @Test
    void aClearDropsTheEntriesOfEarlierGenerationsOnly() {
        near.enable("prices");
        near.enable("stock");
        near.listening();
        keep("ns|prices|0123456789abcdef0123456789abcdef"); // generation 0
        keep("ns|prices|g4|0123456789abcdef0123456789abcdef");
        keep("ns|prices|g5|0123456789abcdef0123456789abcdef"); // kept by a call that learnt generation 5 first
        keep("ns|stock|g4|0123456789abcdef0123456789abcdef");

        near.forgetCacheBefore("prices", 5);

        assertNull(near.get("ns|prices|0123456789abcdef0123456789abcdef"));
        assertNull(near.get("ns|prices|g4|0123456789abcdef0123456789abcdef"));
        assertNotNull(near.get("ns|prices|g5|0123456789abcdef0123456789abcdef"), "the new generation's value is current");
        assertNotNull(near.get("ns|stock|g4|0123456789abcdef0123456789abcdef"), "another cache");
    }

    private void keep(String key) {
        near.keep(key, VALUE, 60_000, near.ticket(key));
        assertNotNull(near.get(key));
    }
}
