package io.rediscache.agent.store;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the agent says about a server's memory policy, from the lines of INFO memory. */
class MemoryPolicyCheckTest {

    @ParameterizedTest(name = "maxmemory {0}, {1}")
    @CsvSource({
        "0,        noeviction,   ",
        "0,        allkeys-lru,  ",
        "1048576,  noeviction,   refuses every write",
        "1048576,  volatile-lru, lock keys included",
        "1048576,  allkeys-lfu,  lock keys included",
    })
    void advice(long maxmemory, String policy, String expected) {
        String info = "# Memory\r\nused_memory:1000\r\nmaxmemory:" + maxmemory + "\r\nmaxmemory_policy:" + policy + "\r\n";

        String advice = MemoryPolicyCheck.advice(info, "redis://127.0.0.1:6380/0");

        if (expected == null) {
            assertNull(advice);
        } else {
            assertTrue(advice.contains(expected) && advice.contains("maxmemory-policy " + policy), advice);
        }
    }
}
