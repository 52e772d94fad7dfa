package io.rediscache.it.demo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.rediscache.RedisCache;

/** The demo's "legacy" code: a slow lookup, made cache-aware by one annotation. */
public class ExchangeRateService {

    static final AtomicInteger LOOKUPS = new AtomicInteger();

    private static final Map<String, BigDecimal> RATES = Map.of(
            "USD", new BigDecimal("1.08"), "GBP", new BigDecimal("0.86"), "JPY", new BigDecimal("162.4"));

    /** Pretends to ask a slow remote service (150 ms). */
    @RedisCache(name = "exchange_rate", ttl = 60)
    public BigDecimal rate(String currency) throws InterruptedException {
        LOOKUPS.incrementAndGet();
        Thread.sleep(150);
        return RATES.get(currency);
    }
}
