package io.rediscache.it.near;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

import io.rediscache.Cache;
import io.rediscache.it.harness.AgentStatistics;

/**
 * The application the near-cache test forks: {@code NearApp <jvm name> <command dir> <source file>}.
 * It runs the commands the test writes to {@code <dir>/1}, {@code <dir>/2}, … in turn and
 * answers each with a line {@code DONE<n> <result>} (a long-running one first says
 * {@code STARTED<n>}). Times are wall-clock milliseconds ({@code at=}, {@code seen=}) or microseconds
 * ({@code atMicros=}, {@code seenMicros=}), comparable across the JVMs of one machine.
 */
public final class NearApp {

    private NearApp() {
    }

    public static void main(String[] args) throws Exception {
        NearPrices prices = new NearPrices(Paths.get(args[2]), args[0]);
        Path commands = Paths.get(args[1]);
        for (int n = 1; ; n++) {
            Path file = commands.resolve(Integer.toString(n));
            while (!Files.exists(file)) {
                Thread.sleep(2);
            }
            String[] command = Files.readString(file).trim().split(" ");
            if (command[0].equals("exit")) {
                return;
            }
            System.out.println("DONE" + n + " " + run(n, command, prices));
        }
    }

    private static String run(int n, String[] command, NearPrices prices) throws Exception {
        switch (command[0]) {
            case "get":
                return prices.quote(command[1]).describe() + " runs=" + NearPrices.RUNS.get();
            case "hits": { // many calls: every one must be the same value, with no body run
                int runs = NearPrices.RUNS.get();
                int calls = Integer.parseInt(command[2]);
                String first = prices.quote(command[1]).describe();
                for (int i = 1; i < calls; i++) {
                    if (!prices.quote(command[1]).describe().equals(first)) {
                        return "changed at call " + i;
                    }
                }
                return "same " + first + " bodyRuns=" + (NearPrices.RUNS.get() - runs);
            }
            case "mutate": { // a caller changes its copy; the next caller gets a clean one
                Quote mine = prices.quote(command[1]);
                mine.tags.add("mutated");
                Quote next = prices.quote(command[1]);
                return "mine=" + mine.tags + " next=" + next.tags + " distinct=" + (mine != next);
            }
            case "stats":
                return statistics();
            case "until-near": { // this JVM's first cached calls, until one is a near hit (the subscription is live)
                String first = prices.quote(command[1]).describe();
                int calls = 1;
                long deadline = System.currentTimeMillis() + 15_000;
                while (counter("NearHits") == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                    prices.quote(command[1]);
                    calls++;
                }
                return "calls=" + calls + " " + statistics() + " first: " + first;
            }
            case "timed-evict": { // the time just before the eviction's write
                long at = micros();
                prices.changed(command[1]);
                return "atMicros=" + at + " tookMicros=" + (micros() - at);
            }
            case "timed-get": { // the time just before a call that (on a miss) computes and stores
                long at = micros();
                String quote = prices.quote(command[1]).describe();
                return "atMicros=" + at + " tookMicros=" + (micros() - at) + " " + quote;
            }
            case "watch-change": { // serves the old price until it changes; when did the first call not get it?
                long nearHitsBefore = counter("NearHits");
                Quote quote = prices.quote(command[1]);
                System.out.println("STARTED" + n);
                if (!quote.price.equals(command[2])) {
                    return "error: the first call got " + quote.describe();
                }
                long oldCalls = 1;
                long deadline = System.currentTimeMillis() + 15_000;
                while (System.currentTimeMillis() < deadline) {
                    long started = micros();
                    quote = prices.quote(command[1]);
                    if (!quote.price.equals(command[2])) {
                        return "seenMicros=" + started + " oldCalls=" + oldCalls + " nearHits="
                                + (counter("NearHits") - nearHitsBefore) + " " + quote.describe();
                    }
                    oldCalls++;
                }
                return "timeout oldCalls=" + oldCalls;
            }
            case "evict":
                prices.changed(command[1]);
                return "at=" + System.currentTimeMillis();
            case "clear":
                Cache.clear("near-prices");
                return "at=" + System.currentTimeMillis();
            case "watch": { // calls until the price is the expected one, as fast as it can
                System.out.println("STARTED" + n);
                long deadline = System.currentTimeMillis() + 15_000;
                long calls = 0;
                String stale = null;
                while (System.currentTimeMillis() < deadline) {
                    Quote quote = prices.quote(command[1]);
                    calls++;
                    if (quote.price.equals(command[2]) && (command.length < 4 || quote.computedBy.equals(command[3]))) {
                        return "seen=" + System.currentTimeMillis() + " calls=" + calls + " " + quote.describe()
                                + " stale=" + stale;
                    }
                    if (command.length > 4 && quote.price.equals(command[4])) {
                        stale = quote.describe(); // the value before the update: must not come back
                    }
                }
                return "timeout calls=" + calls + " last=" + prices.quote(command[1]).describe();
            }
            default:
                throw new IllegalArgumentException(command[0]);
        }
    }

    /** The agent's JMX counters of cached calls: {@code hits=<Hits> nearHits=<NearHits>}. */
    private static String statistics() throws Exception {
        return "hits=" + counter("Hits") + " nearHits=" + counter("NearHits");
    }

    private static long counter(String name) throws Exception {
        return AgentStatistics.counter(name);
    }

    /** Wall-clock microseconds: the same clock in every JVM of the machine. */
    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
