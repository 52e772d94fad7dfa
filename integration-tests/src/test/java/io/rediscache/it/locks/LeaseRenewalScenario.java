package io.rediscache.it.locks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.SteppedRun;
import redis.clients.jedis.UnifiedJedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lease renewal watched from outside, for one server and the other deployments alike: a holder
 * ({@link LockApp} {@code hold-renewed}) with a 600 ms lease runs its body for 1,800 ms while the
 * test samples its key every 10 ms: the key must always be there with the holder's token. Past
 * the first lease a second JVM ({@code contend}) tries the lock once (must time out), then waits
 * for it: it must enter only after the holder's body ended, with a token of its own.
 */
public final class LeaseRenewalScenario {

    private static final String LTE = "io.rediscache.LockTimeoutException";
    private static final String LOCK = "renewed";

    private final String key;
    private final List<long[]> samples = new ArrayList<>(); // ms since the holder entered, PTTL
    private final List<String> wrongSamples = new ArrayList<>();
    private String holderToken;
    private long enteredAt;
    private long bodyEnd;
    private ForkedJvm.Result holder;
    private ForkedJvm.Result contender;

    private LeaseRenewalScenario(String namespace) {
        this.key = LockKeys.lock(namespace, LOCK);
    }

    /**
     * @param agent a JVM with the agent for a namespace, pointed at the deployment
     * @param applicationTarget where the application's own client finds the deployment ({@link LockApp})
     * @param redis the test's own client of the deployment
     */
    public static LeaseRenewalScenario run(Function<String, ForkedJvm> agent, String applicationTarget, UnifiedJedis redis,
                                           String namespace) throws Exception {
        LeaseRenewalScenario scenario = new LeaseRenewalScenario(namespace);
        scenario.watch(agent, applicationTarget, redis, namespace);
        return scenario;
    }

    private void watch(Function<String, ForkedJvm> agent, String applicationTarget, UnifiedJedis redis, String namespace)
            throws Exception {
        Path go = SteppedRun.newGoFile();
        try (SteppedRun contending = SteppedRun.start(agent.apply(namespace), LockApp.class, "contend", applicationTarget,
                namespace, LOCK, go.toString())) {
            contending.awaitLine("WAITING", 60);
            try (SteppedRun holding = SteppedRun.start(agent.apply(namespace), LockApp.class, "hold-renewed", applicationTarget,
                    namespace, "1800")) {
                String entered = holding.awaitLine("ENTERED", 60);
                holderToken = SteppedRun.field(entered, "token");
                enteredAt = Long.parseLong(SteppedRun.field(entered, "at"));
                boolean signalled = false;
                while (holding.line("BODYEND").isEmpty()) {
                    long now = System.currentTimeMillis();
                    String token = redis.get(key);
                    long pttl = redis.pttl(key);
                    if (holding.line("BODYEND").isPresent()) {
                        break; // this sample may have been taken after the release
                    }
                    samples.add(new long[] {now - enteredAt, pttl});
                    if (!holderToken.equals(token) || pttl <= 0 || pttl > 600) {
                        wrongSamples.add((now - enteredAt) + " ms: token " + token + ", pttl " + pttl);
                    }
                    if (!signalled && now - enteredAt >= 700) {
                        SteppedRun.signal(go);
                        signalled = true;
                    }
                    Thread.sleep(10);
                }
                bodyEnd = Long.parseLong(SteppedRun.field(holding.awaitLine("BODYEND", 10), "at"));
                holder = holding.await().assertSucceeded();
            }
            contender = contending.await().assertSucceeded();
        }
    }

    /** The holder's and the contender's runs. */
    public List<ForkedJvm.Result> results() {
        return List.of(holder, contender);
    }

    /** Checks the holder's key all along, then the contender; {@code redis}: the test's own client, for the key left. */
    public void assertTheLockWasKeptAndTheContenderEnteredAfterTheBody(UnifiedJedis redis) {
        assertNotEquals("null", holderToken, "the holder saw its key");
        assertTrue(wrongSamples.isEmpty(), "the key must hold the holder's token with a TTL all along; " + wrongSamples.size()
                + " of " + samples.size() + " samples were wrong, first: " + wrongSamples.subList(0, Math.min(5, wrongSamples.size())));
        assertTrue(samples.size() >= 20, "sampled the key throughout: " + samples.size());
        long lastSample = samples.get(samples.size() - 1)[0];
        assertTrue(lastSample >= 1500, "samples reach past 2.5 leases: last at " + lastSample + " ms");

        assertTrue(contender.get("renewed.once").startsWith(LTE), "a second JVM cannot take a renewed lock: " + contender.describe());
        long triedAt = contender.getLong("renewed.once.at");
        assertTrue(triedAt >= enteredAt + 600 && triedAt < bodyEnd,
                "the attempt came after the first lease ran out, while the body ran: " + (triedAt - enteredAt) + " ms");
        assertEquals("returned:entered", contender.get("renewed.wait"), contender.describe());
        long secondEntered = contender.getLong("renewed.enteredAt");
        assertTrue(secondEntered >= bodyEnd, "the second JVM entered only after the holder's body ended ("
                + (secondEntered - bodyEnd) + " ms)");
        assertNotNull(contender.get("renewed.token"));
        assertNotEquals(holderToken, contender.get("renewed.token"), "the second holder has a token of its own");
        assertEquals("1", contender.get("contender.runs"), "only the waiting call ran its body");
        assertEquals(-2, redis.pttl(key), "no key left after the release");
    }

    /** For the test's summary line. */
    public String summary() {
        return String.format(Locale.ROOT, "%d samples over %d ms of a 600 ms lease, PTTL min %d ms; cross-JVM hand-over %d ms"
                        + " (holder body end to waiter body start)", samples.size(),
                samples.isEmpty() ? -1 : samples.get(samples.size() - 1)[0],
                samples.stream().mapToLong(sample -> sample[1]).min().orElse(-1),
                contender.getLong("renewed.enteredAt") - bodyEnd);
    }
}
