package io.rediscache.agent.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One method entry of the properties file, checked: {@code cache.method.<id>=<pattern>},
 * {@code lock.method.<id>=<pattern>} or {@code evict.method.<id>=<pattern>}, with its attributes
 * ({@code cache.method.<id>.ttl=30s}). It asks for the same as the annotation would:
 * {@code @RedisCache}, {@code @Locked} or {@code @EvictCache}.
 */
public final class MethodEntry {

    /** What an entry asks for, with the attributes it may carry. */
    public enum Kind {
        CACHE("cache.method.", "@RedisCache", "name", "ttl", "key", "perUser", "near"),
        LOCK("lock.method.", "@Locked", "name", "wait", "lease", "onTimeout"),
        EVICT("evict.method.", "@EvictCache", "cache", "key");

        final String prefix;
        final String annotation;
        final String[] attributes;

        Kind(String prefix, String annotation, String... attributes) {
            this.prefix = prefix;
            this.annotation = annotation;
            this.attributes = attributes;
        }

        /** The annotation the entry stands in for, as {@code @RedisCache}. */
        public String annotation() {
            return annotation;
        }
    }

    private final Kind kind;
    private final String id;
    private final MethodPattern pattern;
    private final Map<String, String> attributes;

    MethodEntry(Kind kind, String id, MethodPattern pattern, Map<String, String> checkedAttributes) {
        this.kind = kind;
        this.id = id;
        this.pattern = pattern;
        this.attributes = Collections.unmodifiableMap(new TreeMap<>(checkedAttributes));
    }

    public Kind kind() {
        return kind;
    }

    /** The property key naming the method, as {@code cache.method.prices}; how messages refer to the entry. */
    public String key() {
        return kind.prefix + id;
    }

    public MethodPattern pattern() {
        return pattern;
    }

    /** The cache or lock name: the {@code .name} attribute, else the entry's id. */
    public String name() {
        String name = attributes.get("name");
        return name == null ? id : name;
    }

    /** The {@code cache} attribute of an evict entry, a comma-separated list of cache names; else the entry's id. */
    public String[] cacheNames() {
        String value = attributes.get("cache");
        if (value == null) {
            return new String[] {id};
        }
        String[] names = value.split(",");
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].trim();
        }
        return names;
    }

    /** A duration attribute ({@code ttl}, {@code wait}, {@code lease}) in milliseconds, or {@code otherwise}. */
    public long millis(String attribute, long otherwise) {
        String value = attributes.get(attribute);
        return value == null ? otherwise : Durations.parseMillis(value);
    }

    /** The {@code key} attribute of a cache or evict entry: 0-based argument indexes, or {@code null} for all arguments. */
    public int[] keyArguments() {
        String value = attributes.get("key");
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        int[] indexes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            indexes[i] = Integer.parseInt(parts[i].trim());
        }
        return indexes;
    }

    /** A boolean attribute ({@code perUser}, {@code near}), or {@code otherwise} when absent. */
    public boolean flag(String attribute, boolean otherwise) {
        String value = attributes.get(attribute);
        return value == null ? otherwise : Boolean.parseBoolean(value);
    }

    /** A boolean attribute ({@code perUser}); {@code false} when absent. */
    public boolean flag(String attribute) {
        return Boolean.parseBoolean(attributes.get(attribute));
    }

    /** A lock entry's {@code onTimeout=skip}: skip the call instead of throwing {@code LockTimeoutException}. */
    public boolean skipOnTimeout() {
        String value = attributes.get("onTimeout");
        return value != null && value.toLowerCase(Locale.ROOT).equals("skip");
    }

    @Override
    public String toString() {
        return key() + "=" + pattern;
    }
}
