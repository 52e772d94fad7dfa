package io.rediscache.it.faults;

import io.rediscache.Cache;

/**
 * Fills a small Redis and goes on using it: calls the bulky method for 100 ids, twice each; then
 * writes five values in a row with {@code Cache.set} (each refused with OOM once the server is
 * full); then calls the method again for the first ids, which the server still holds. Reports
 * wrong results, exceptions, body runs, and how many of those last calls were hits.
 */
public final class FullServerApp {

    private FullServerApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread.sleep(500); // the start-up check of the server's memory policy is logged by now
        BulkyService service = new BulkyService();
        int wrong = 0;
        int thrown = 0;
        for (int round = 0; round < 2; round++) {
            for (int id = 0; id < 100; id++) {
                try {
                    if (!service.page(id).startsWith("page " + id + " ")) {
                        wrong++;
                    }
                } catch (RuntimeException e) {
                    thrown++;
                }
            }
        }
        System.out.println("RESULT wrong=" + wrong);
        System.out.println("RESULT thrown=" + thrown);
        System.out.println("RESULT runs=" + BulkyService.RUNS.get());

        String bulky = service.page(1000);
        for (int i = 0; i < 5; i++) {
            try {
                Cache.set("refused-" + i, bulky); // refused with OOM: more than the breaker's 3 failures in a row
            } catch (RuntimeException e) {
                thrown++;
            }
        }
        int runsBefore = BulkyService.RUNS.get();
        int wrongAfter = 0;
        for (int id = 0; id < 10; id++) {
            if (!service.page(id).startsWith("page " + id + " ")) {
                wrongAfter++;
            }
        }
        System.out.println("RESULT hitsAfterRefusedWrites=" + (10 - (BulkyService.RUNS.get() - runsBefore)));
        System.out.println("RESULT wrongAfterRefusedWrites=" + wrongAfter);
        System.out.println("RESULT thrownAfterRefusedWrites=" + thrown);
    }
}
