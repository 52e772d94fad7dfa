package io.rediscache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the result of the annotated method in Redis when the redis-cache agent is attached.
 *
 * <p>On a call, the agent looks the result up under
 * {@code {cache.namespace}|{name}|{128-bit hash of the key arguments}}. A hit returns the stored
 * value (a fresh copy for every caller) without running the method; a miss runs the method and
 * stores its result, {@code null} included, with the TTL. An exception thrown by the method
 * propagates unchanged and is never cached. Without the agent the annotation does nothing.
 *
 * <pre>{@code
 * @RedisCache(name = "prices", ttl = 300)
 * public Price getPrice(@CacheKey String sku, int attempt) { ... }
 * }</pre>
 *
 * <p>{@code void} methods are refused with a warning when their class loads. When Redis is
 * unreachable the method simply runs, uncached.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RedisCache {

    /**
     * The cache's name, the middle part of every key. Default (empty): the simple name of the
     * declaring class and the method name, as in {@code PriceService.getPrice}.
     */
    String name() default "";

    /**
     * Time to live of each entry, in seconds. Default (0): the agent's {@code cache.ttl}
     * setting. Every entry has a TTL; there is no "forever".
     */
    long ttl() default 0;

    /**
     * Whether each user gets entries of their own (the reference API's {@code user=}): the key
     * then also covers the id that the agent's {@code cache.user.provider} (a static method of
     * the application, such as {@code com.acme.Session#currentUser}) returns for the calling
     * thread. A call for which it returns {@code null} runs uncached. Default: one entry for all users.
     */
    boolean perUser() default false;

    /**
     * Whether this cache also keeps its entries in the JVM, in front of Redis (a near cache): a
     * hit then costs no round trip. Each hit is still the caller's own copy. A change or clear
     * made in any JVM removes the entry from every JVM's near cache within milliseconds (Redis
     * pub/sub); after a lost connection to Redis the near cache is emptied. Bounded by the
     * agent's {@code cache.near.max.bytes}; an entry lives no longer than its TTL in Redis nor
     * {@code cache.near.ttl}. Needs Java 11 or later. Default: the agent's
     * {@code cache.near.enabled} (false unless set).
     */
    boolean near() default false;
}
