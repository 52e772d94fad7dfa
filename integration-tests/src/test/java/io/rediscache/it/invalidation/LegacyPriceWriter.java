package io.rediscache.it.invalidation;

/** A writer nobody may annotate: {@code evict.method.writer} evicts the entry of its SKU from cache "book". */
public class LegacyPriceWriter {

    public void write(String sku, int version) {
        PriceBook.DATABASE.put(sku, version);
    }
}
