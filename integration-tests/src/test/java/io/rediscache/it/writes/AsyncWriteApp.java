package io.rediscache.it.writes;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The application the asynchronous-write test forks: 20 misses while Redis holds every write
 * back ({@code CLIENT PAUSE 3000 WRITE}; reads go on), then how many of their keys Redis holds
 * right after the calls returned, and again once writes resume; then the same calls again, and a
 * key called twice in a row by one thread.
 */
public final class AsyncWriteApp {

    private static final int CALLS = 20;

    private AsyncWriteApp() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[1];
        try (Jedis redis = new Jedis(URI.create(args[0]))) {
            Quotes quotes = new Quotes();
            quotes.price("warm-up");
            Thread.sleep(1000); // the agent's generation subscription is live by now
            int before = keys(redis, namespace).size();

            redis.clientPause(3000, ClientPauseMode.WRITE);
            List<String> values = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                values.add(quotes.price("sku-" + i));
            }
            report("storedRightAfter", keys(redis, namespace).size() - before);
            redis.clientUnpause();

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (keys(redis, namespace).size() - before < CALLS && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> stored = keys(redis, namespace);
            report("storedLater", stored.size() - before);
            long withoutTtl = stored.stream().filter(key -> redis.pttl(key) <= 0).count();
            report("withoutTtl", withoutTtl);

            int runs = Quotes.RUNS.get();
            boolean correct = true;
            for (int i = 0; i < CALLS; i++) {
                correct &= values.get(i).equals("price of sku-" + i) && quotes.price("sku-" + i).equals(values.get(i));
            }
            report("correct", correct);
            report("runsOfTheSecondCalls", Quotes.RUNS.get() - runs);

            runs = Quotes.RUNS.get();
            boolean twiceCorrect = quotes.price("twice").equals("price of twice") && quotes.price("twice").equals("price of twice");
            report("twiceCorrect", twiceCorrect);
            report("runsOfTwiceInARow", Quotes.RUNS.get() - runs);
        }
    }

    private static List<String> keys(Jedis redis, String namespace) {
        List<String> keys = new ArrayList<>();
        ScanParams match = new ScanParams().match(namespace + "|quotes|*").count(100);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
