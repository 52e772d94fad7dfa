package io.rediscache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameters of a {@link RedisCache} method that make up its cache key. When no
 * parameter is marked, all of them do. Parameters left out of the key (a request id, a
 * logger, a connection) are ignored, so calls that differ only in them share an entry.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheKey {
}
