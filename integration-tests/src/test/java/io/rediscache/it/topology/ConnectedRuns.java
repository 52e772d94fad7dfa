package io.rediscache.it.topology;

import java.util.List;

import io.rediscache.it.harness.ForkedJvm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every forked JVM of a Cluster or Sentinel suite must show: it connected, logged no ERROR, printed no password. */
public final class ConnectedRuns {

    private ConnectedRuns() {
    }

    public static void assertConnectedQuietly(List<ForkedJvm.Result> runs, List<String> secrets) {
        for (ForkedJvm.Result run : runs) {
            assertTrue(run.stderr().contains("Connected to Redis"), run.describe());
            assertFalse(run.stderr().contains("[ERROR]"), run.describe());
            for (String secret : secrets) {
                assertFalse(run.stdout().contains(secret) || run.stderr().contains(secret), "a password was printed");
            }
        }
    }
}
