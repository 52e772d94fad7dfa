package io.rediscache.it.near;

import java.util.ArrayList;
import java.util.List;

/** A mutable cached value: a caller that changes its copy must not change anyone else's. */
public final class Quote {

    final String price;
    /** The JVM whose body computed the value. */
    final String computedBy;
    final List<String> tags = new ArrayList<>();

    Quote(String price, String computedBy) {
        this.price = price;
        this.computedBy = computedBy;
    }

    String describe() {
        return "price=" + price + " by=" + computedBy + " tags=" + tags;
    }
}
