package io.rediscache.agent.config;

import java.util.Locale;

/**
 * Every key the properties file understands, with its default and the check its value must
 * pass. A key that is not listed here is reported as unknown, so a misspelt key never passes
 * silently. The README lists the same keys; keep them in step.
 */
public enum Setting {
    REDIS_URL("redis.url", null, Kind.REDIS_URL),
    REDIS_CLUSTER_NODES("redis.cluster.nodes", null, Kind.NODES),
    REDIS_SENTINEL_NODES("redis.sentinel.nodes", null, Kind.NODES),
    REDIS_SENTINEL_MASTER("redis.sentinel.master", null, Kind.USER),
    REDIS_USER("redis.user", null, Kind.USER),
    REDIS_PASSWORD("redis.password", null, Kind.PASSWORD),
    REDIS_SENTINEL_USER("redis.sentinel.user", null, Kind.USER),
    REDIS_SENTINEL_PASSWORD("redis.sentinel.password", null, Kind.PASSWORD),
    REDIS_TLS("redis.tls", "false", Kind.BOOLEAN),
    REDIS_TLS_CA("redis.tls.ca", null, Kind.FILE),
    REDIS_TLS_HOSTNAME_CHECK("redis.tls.hostname.check", "true", Kind.BOOLEAN),
    REDIS_TLS_TRUSTSTORE("redis.tls.truststore", null, Kind.FILE),
    REDIS_TLS_TRUSTSTORE_PASSWORD("redis.tls.truststore.password", null, Kind.PASSWORD),
    REDIS_TLS_KEYSTORE("redis.tls.keystore", null, Kind.FILE),
    REDIS_TLS_KEYSTORE_PASSWORD("redis.tls.keystore.password", null, Kind.PASSWORD),
    REDIS_TLS_CERT("redis.tls.cert", null, Kind.FILE),
    REDIS_TLS_KEY("redis.tls.key", null, Kind.FILE),
    REDIS_TIMEOUT_CONNECT("redis.timeout.connect", "250ms", Kind.DURATION),
    REDIS_TIMEOUT_SOCKET("redis.timeout.socket", "200ms", Kind.DURATION),
    REDIS_POOL_SIZE("redis.pool.size", "16", Kind.COUNT),
    REDIS_POOL_WAIT("redis.pool.wait", "200ms", Kind.DURATION),
    REDIS_BREAKER_FAILURES("redis.breaker.failures", "3", Kind.COUNT),
    REDIS_BREAKER_COOLDOWN("redis.breaker.cooldown", "1s", Kind.DURATION),
    CACHE_NAMESPACE("cache.namespace", "app", Kind.NAME),
    CACHE_TTL("cache.ttl", "5m", Kind.DURATION),
    CACHE_MAX_VALUE_BYTES("cache.max.value.bytes", "1048576", Kind.COUNT),
    CACHE_ALLOWED_PACKAGES("cache.allowed.packages", "", Kind.PACKAGES),
    CACHE_SIGNING_KEY("cache.signing.key", null, Kind.SECRET),
    CACHE_USER_PROVIDER("cache.user.provider", null, Kind.STATIC_METHOD),
    CACHE_LOCAL_MAX_BYTES("cache.local.max.bytes", "67108864", Kind.COUNT),
    CACHE_NEAR_ENABLED("cache.near.enabled", "false", Kind.BOOLEAN),
    CACHE_NEAR_MAX_BYTES("cache.near.max.bytes", "16777216", Kind.COUNT),
    CACHE_NEAR_TTL("cache.near.ttl", "1m", Kind.DURATION),
    CACHE_SINGLEFLIGHT("cache.singleflight", "true", Kind.BOOLEAN),
    CACHE_SINGLEFLIGHT_WAIT("cache.singleflight.wait", "5s", Kind.DURATION),
    CACHE_STAMPEDE_LOCK("cache.stampede.lock", "false", Kind.BOOLEAN),
    CACHE_REFRESH_EARLY("cache.refresh.early", "false", Kind.BOOLEAN),
    CACHE_REFRESH_BETA("cache.refresh.beta", "1.0", Kind.DECIMAL),
    CACHE_WRITE_ASYNC("cache.write.async", "false", Kind.BOOLEAN),
    CACHE_WRITE_ASYNC_QUEUE("cache.write.async.queue", "10000", Kind.COUNT),
    LOCK_WAIT("lock.wait", "0s", Kind.WAIT),
    LOCK_LEASE("lock.lease", "30s", Kind.DURATION),
    LOCK_REPLICAS("lock.replicas", "0", Kind.REPLICAS),
    LOCK_REPLICAS_TIMEOUT("lock.replicas.timeout", "100ms", Kind.DURATION),
    AGENT_UNMATCHED_REPORT_AFTER("agent.unmatched.report.after", "30s", Kind.DURATION),
    AGENT_STRICT("agent.strict", "false", Kind.BOOLEAN),
    AGENT_LOG_LEVEL("agent.log.level", "info", Kind.LOG_LEVEL);

    enum Kind {
        REDIS_URL("redis://[user:password@]host:port[/db] or rediss://… for TLS"),
        NODES("host:port pairs separated by commas (or ;), as 10.0.0.1:7000,10.0.0.2:7000"),
        USER("a name without white space (or nothing)"),
        DURATION("a positive duration such as 250ms, 30s, 5m or 1h (a bare number is seconds)"),
        WAIT("a duration such as 0s, 250ms, 30s or 5m (0 means: try once)"),
        COUNT("a positive whole number"),
        REPLICAS("a whole number of replicas, 0 (do not wait for replicas) or more"),
        NAME("a non-empty name without '|' or white space"),
        BOOLEAN("true or false"),
        FILE("the path of a readable file (or nothing)"),
        PASSWORD("a password (or nothing)"),
        DECIMAL("a positive number such as 1.0 or 0.5"),
        SECRET("a secret of at least 16 characters (or nothing, for unsigned values)"),
        PACKAGES("package names separated by commas, as com.acme.model, org.partner.dto (may be empty)"),
        STATIC_METHOD("a static method without parameters, as com.acme.Session#currentUser"),
        LOG_LEVEL("one of error, warn, info, debug");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    final String key;
    final String defaultValue;
    final Kind kind;

    Setting(String key, String defaultValue, Kind kind) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    /** The environment variable that overrides this key: {@code REDISCACHE_REDIS_URL} for {@code redis.url}. */
    String environmentVariable() {
        return "REDISCACHE_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The system property that overrides this key: {@code rediscache.redis.url}. */
    String systemProperty() {
        return "rediscache." + key;
    }

    static Setting forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
