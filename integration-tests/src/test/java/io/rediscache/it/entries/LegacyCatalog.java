package io.rediscache.it.entries;

import java.util.List;

/** Matched by the pattern {@code io.rediscache.it.entries.*Catalog#find*}: every find method, whatever its parameters. */
public class LegacyCatalog {

    public List<String> findByColour(String colour) {
        LegacyPricing.count("findByColour");
        return List.of(colour + "-shirt", colour + "-hat", String.valueOf(System.nanoTime()));
    }

    public long findCount(String category, int page) {
        LegacyPricing.count("findCount");
        return System.nanoTime();
    }

    /** Matched by the pattern, but void: refused with a warning. */
    public void findAndLog(String what) {
        LegacyPricing.count("findAndLog");
    }

    /** Not a find method: not matched. */
    public String describe(String sku) {
        LegacyPricing.count("describe");
        return sku + "@" + System.nanoTime();
    }
}
