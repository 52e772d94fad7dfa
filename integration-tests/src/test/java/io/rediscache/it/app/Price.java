package io.rediscache.it.app;

import java.math.BigDecimal;
import java.util.Objects;

/** A value object without a no-arg constructor, as legacy code has them. */
public final class Price {

    private final String sku;
    private final BigDecimal amount;
    private final String currency;

    public Price(String sku, BigDecimal amount, String currency) {
        this.sku = sku;
        this.amount = amount;
        this.currency = currency;
    }

    public String sku() {
        return sku;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Price p && p.sku.equals(sku) && p.amount.equals(amount) && p.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku, amount, currency);
    }

    @Override
    public String toString() {
        return sku + " " + amount + " " + currency;
    }
}
