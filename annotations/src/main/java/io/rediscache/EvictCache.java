package io.rediscache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Evicts cached entries after the annotated method returns normally (not when it throws), when
 * the redis-cache agent is attached: the equivalent of the reference framework's document-event
 * hooks. Put it on the methods that change the data a cache holds.
 *
 * <pre>{@code
 * @EvictCache("prices")                      // the whole cache "prices", as Cache.clear("prices")
 * public void importPriceList(File file) { ... }
 *
 * @EvictCache(value = "prices", key = 0)     // only the entry of getPrice(sku) for this sku
 * public void updatePrice(String sku, BigDecimal price) { ... }
 * }</pre>
 *
 * <p>With {@link #key()}, the arguments at those positions (0-based), in that order, are taken as
 * the key arguments of the cached methods of each named cache (their {@link CacheKey}
 * parameters, or all their parameters), and just that entry is evicted from every such method
 * whose key has as many arguments. A value that a slow call computed from data read before the
 * eviction is not stored after it. When this JVM has not loaded any method of the cache yet, it
 * cannot build the entry's key and clears the whole cache instead (said at INFO).
 *
 * <p>When Redis is unreachable the eviction is not lost: the cache is bypassed in this JVM and
 * cleared as soon as Redis answers. Without the agent the annotation does nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EvictCache {

    /** The names of the caches to evict from. */
    String[] value();

    /**
     * Positions (0-based) of this method's arguments that form the key of the entry to evict.
     * Default (empty): evict the whole cache.
     */
    int[] key() default {};
}
