package io.rediscache.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The agent's settings after all sources were merged and every value checked. Immutable. */
public final class AgentConfig {

    private final Map<Setting, String> values;
    private final RedisUrl redisUrl;
    private final RedisTopology redisTopology;
    private final List<MethodEntry> methodEntries;
    private final TlsTrust tlsTrust;
    private final TlsIdentity tlsIdentity;

    AgentConfig(Map<Setting, String> checkedValues, List<MethodEntry> methodEntries, RedisTopology redisTopology,
                TlsTrust tlsTrust, TlsIdentity tlsIdentity) {
        this.tlsTrust = tlsTrust;
        this.tlsIdentity = tlsIdentity;
        this.redisTopology = redisTopology;
        this.values = new EnumMap<>(checkedValues);
        this.methodEntries = Collections.unmodifiableList(new ArrayList<>(methodEntries));
        String url = values.get(Setting.REDIS_URL);
        this.redisUrl = url == null || url.trim().isEmpty() ? null : RedisUrl.parse(url);
    }

    /** The built-in defaults alone, as if no source set anything. */
    public static AgentConfig defaults() {
        return ConfigLoader.load("", java.util.Collections.<String, String>emptyMap(), new java.util.Properties()).config();
    }

    /** @return the one Redis server of {@code redis.url}, or {@code null} (in-process store, cluster or Sentinel) */
    public RedisUrl redisUrl() {
        return redisUrl;
    }

    /** @return the Redis deployment to use (one server, a cluster, Sentinel), or {@code null} for the in-process store */
    public RedisTopology redisTopology() {
        return redisTopology;
    }

    /** @return what a {@code rediss://} connection trusts, or {@code null} for the JVM's default trust store */
    public TlsTrust tlsTrust() {
        return tlsTrust;
    }

    /** @return the client certificate TLS connections present, or {@code null} for none */
    public TlsIdentity tlsIdentity() {
        return tlsIdentity;
    }

    /** The {@code cache.method.*}, {@code lock.method.*} and {@code evict.method.*} entries, in key order. */
    public List<MethodEntry> methodEntries() {
        return methodEntries;
    }

    public long millis(Setting setting) {
        return Durations.parseMillis(values.get(setting));
    }

    public int count(Setting setting) {
        return Integer.parseInt(values.get(setting).trim());
    }

    /** @return the setting's text, or {@code null} when it has no default and no source set it */
    public String optionalText(Setting setting) {
        String value = values.get(setting);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** A comma-separated setting as a list, without empty parts. */
    public List<String> list(Setting setting) {
        List<String> parts = new ArrayList<>();
        for (String part : values.get(setting).split(",")) {
            if (!part.trim().isEmpty()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    public double decimal(Setting setting) {
        return Double.parseDouble(values.get(setting).trim());
    }

    public String text(Setting setting) {
        return values.get(setting).trim();
    }

    public boolean flag(Setting setting) {
        return Boolean.parseBoolean(values.get(setting).trim());
    }

    public String formatDuration(Setting setting) {
        return Durations.format(millis(setting));
    }
}
