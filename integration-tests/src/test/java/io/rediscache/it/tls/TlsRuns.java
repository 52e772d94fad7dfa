package io.rediscache.it.tls;

import java.nio.file.Path;
import java.util.List;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.SteppedRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs of {@link TlsApp} and what they must show, on one server, a cluster or Sentinel. */
final class TlsRuns {

    static final String UNAVAILABLE = "io.rediscache.LockUnavailableException";

    private TlsRuns() {
    }

    /**
     * Runs {@link TlsApp} once the agent has said it is connected, so that its calls test TLS,
     * not how soon after the JVM's start the handshake is done. Calls that come before the client
     * exists run uncached, by design: the application's first call came about 300 ms after the
     * agent's start, and the TLS client, built meanwhile on the agent's connect thread, was on a
     * busy 2-core machine sometimes not ready within the 450 ms such a call waits.
     */
    static ForkedJvm.Result runOnceConnected(ForkedJvm jvm) throws Exception {
        Path go = SteppedRun.newGoFile();
        try (SteppedRun running = SteppedRun.start(jvm, TlsApp.class, go.toString())) {
            running.awaitStderr("Connected to Redis", 30);
            SteppedRun.signal(go);
            return running.await().assertSucceeded();
        }
    }

    /** Cached (the second call a hit), locked with a fencing token, the {@code Cache} API read back. */
    static void assertWorked(ForkedJvm.Result run, List<String> secrets) {
        assertEquals("quote-of-ACME,quote-of-ACME,quote-of-INIT", run.get("quote.values"), run.describe());
        assertEquals("2", run.get("quote.runs"), "the second ACME call was a hit");
        assertEquals("returned:job-done", run.get("locked"));
        assertEquals("returned:true", run.get("locks.fence"), "a Redis lock with a fencing token");
        assertEquals("hello over TLS", run.get("api.get"));
        assertNoSecrets(run, secrets);
    }

    /**
     * Uncached and correct, locks fail closed, and the log says why, once, at ERROR: by default
     * that the TLS handshake failed. @return that ERROR line
     */
    static String assertRefused(ForkedJvm.Result run, List<String> secrets) {
        return assertRefused(run, secrets, "SSLHandshakeException", "The TLS handshake failed");
    }

    /** As {@link #assertRefused(ForkedJvm.Result, List)}, the ERROR line saying each of {@code reasons}. */
    static String assertRefused(ForkedJvm.Result run, List<String> secrets, String... reasons) {
        assertEquals("quote-of-ACME,quote-of-ACME,quote-of-INIT", run.get("quote.values"), run.describe());
        assertEquals("3", run.get("quote.runs"), "every call ran the method: uncached");
        assertEquals(UNAVAILABLE, run.get("locked"), "fail closed");
        assertEquals("0", run.get("locked.runs"), "the body never ran unlocked");
        assertEquals(UNAVAILABLE, run.get("locks.fence"));
        assertEquals("null", run.get("api.get"), "Redis unreachable: the write was dropped, the read missed");
        List<String> errors = run.stderr().lines().filter(line -> line.contains("ERROR")).toList();
        assertEquals(1, errors.size(), run.stderr());
        for (String reason : reasons) {
            assertTrue(errors.get(0).contains(reason), "'" + reason + "' in: " + errors.get(0));
        }
        System.out.println("TLS refusal logged: " + errors.get(0));
        assertNoSecrets(run, secrets);
        return errors.get(0);
    }

    static void assertNoSecrets(ForkedJvm.Result run, List<String> secrets) {
        for (String secret : secrets) {
            assertFalse(run.stderr().contains(secret) || run.stdout().contains(secret), "a password reached the output");
        }
    }
}
