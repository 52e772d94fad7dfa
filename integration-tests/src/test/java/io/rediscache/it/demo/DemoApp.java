package io.rediscache.it.demo;

import java.math.BigDecimal;

/** Calls the slow lookup a few times and says, for each call, whether it was a hit or a miss and how long it took. */
public final class DemoApp {

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        ExchangeRateService service = new ExchangeRateService();
        String[] calls = {"USD", "USD", "GBP", "USD", "GBP", "JPY", "JPY"};
        for (int i = 0; i < calls.length; i++) {
            int lookupsBefore = ExchangeRateService.LOOKUPS.get();
            long start = System.nanoTime();
            BigDecimal rate = service.rate(calls[i]);
            double millis = (System.nanoTime() - start) / 1e6;
            boolean miss = ExchangeRateService.LOOKUPS.get() > lookupsBefore;
            System.out.printf("call %d: rate(%s) = %-6s %-4s %8.2f ms%n", i + 1, calls[i], rate, miss ? "MISS" : "HIT", millis);
        }
    }
}
