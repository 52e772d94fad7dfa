package io.rediscache.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the {@code cache.method.*}, {@code lock.method.*} and {@code evict.method.*} properties into checked
 * {@link MethodEntry}s. A bad pattern or attribute value is an error naming the key and the
 * value (the agent is then disabled, like for any invalid setting: a method cached with a
 * mistyped TTL or key would be worse than none); an unknown attribute is a warning.
 */
final class MethodEntryParser {

    /**
     * Compiled when the first method entry is parsed, not when this parser is made: it is made in
     * every premain, most of them without any entry, and compiling costs milliseconds there.
     */
    private static final class Patterns {
        static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");
        static final Pattern INDEXES = Pattern.compile("\\s*\\d{1,3}\\s*(,\\s*\\d{1,3}\\s*)*");
    }

    private final Map<String, String> values = new TreeMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    /** @return whether {@code key} belongs to a method entry (and was taken) */
    boolean offer(String key, String value, String source) {
        if (kindOf(key) == null) {
            return false;
        }
        values.put(key, value);
        sources.put(key, source);
        return true;
    }

    List<MethodEntry> parse(List<String> warnings, List<String> errors) {
        Map<String, MethodEntry.Kind> kinds = new TreeMap<>();
        Map<String, Map<String, String>> attributes = new TreeMap<>();
        for (Map.Entry<String, String> property : values.entrySet()) {
            String key = property.getKey();
            MethodEntry.Kind kind = kindOf(key);
            String rest = key.substring(kind.prefix.length());
            int dot = rest.indexOf('.');
            String id = dot < 0 ? rest : rest.substring(0, dot);
            if (!Patterns.ID.matcher(id).matches()) {
                errors.add(describe(key) + " has an invalid id '" + id + "'; expected " + kind.prefix
                        + "<id> with an id of letters, digits, '_' or '-'.");
                continue;
            }
            kinds.put(kind.prefix + id, kind);
            Map<String, String> entryAttributes = attributes.computeIfAbsent(kind.prefix + id, k -> new TreeMap<>());
            if (dot >= 0) {
                String attribute = rest.substring(dot + 1);
                if (Arrays.asList(kind.attributes).contains(attribute)) {
                    String problem = problemWith(attribute, property.getValue().trim());
                    if (problem == null) {
                        entryAttributes.put(attribute, property.getValue().trim());
                    } else {
                        errors.add(describe(key) + " is invalid: " + problem + ".");  // problem says what is expected
                    }
                } else {
                    warnings.add("Unknown key '" + key + "' in " + sources.get(key) + " ignored; an entry " + kind.prefix
                            + id + " may have " + String.join(", ", kind.attributes) + ".");
                }
            }
        }
        List<MethodEntry> entries = new ArrayList<>();
        for (Map.Entry<String, MethodEntry.Kind> entry : kinds.entrySet()) {
            String key = entry.getKey();
            String patternText = values.get(key);
            if (patternText == null) {
                errors.add("The attributes of " + key + " are set (" + attributeSources(key) + "), but " + key
                        + " itself (the method, as com.acme.PriceService#getPrice(java.lang.String,int)) is not.");
                continue;
            }
            try {
                entries.add(new MethodEntry(entry.getValue(), key.substring(entry.getValue().prefix.length()),
                        MethodPattern.parse(patternText), attributes.get(key)));
            } catch (IllegalArgumentException e) {
                errors.add(describe(key) + " is invalid: " + e.getMessage() + "; expected a method as"
                        + " com.acme.PriceService#getPrice(java.lang.String,int), or a pattern as com.acme.*Service#find*.");
            }
        }
        return entries;
    }

    private String attributeSources(String entryKey) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (source.getKey().startsWith(entryKey + ".")) {
                text.append(text.length() == 0 ? "" : ", ").append(source.getKey()).append(" in ").append(source.getValue());
            }
        }
        return text.toString();
    }

    private String describe(String key) {
        return key + "=" + values.get(key) + " (from " + sources.get(key) + ")";
    }

    private static String problemWith(String attribute, String value) {
        switch (attribute) {
            case "name":
                return value.isEmpty() || value.indexOf('|') >= 0 ? "expected a non-empty name without '|'" : null;
            case "ttl":
            case "lease":
                return Durations.parseMillis(value) > 0 ? null : "expected " + Setting.Kind.DURATION.expected;
            case "wait":
                return Durations.parseMillis(value) >= 0 ? null : "expected " + Setting.Kind.WAIT.expected;
            case "key":
                return Patterns.INDEXES.matcher(value).matches() ? null
                        : "expected the 0-based positions of the arguments that form the key, as 0 or 0,2";
            case "cache":
                for (String name : value.split(",", -1)) {
                    if (name.trim().isEmpty() || name.indexOf('|') >= 0) {
                        return "expected cache names separated by commas (each non-empty, without '|')";
                    }
                }
                return null;
            case "perUser":
            case "near":
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null : "expected true or false";
            case "onTimeout":
                return value.toLowerCase(Locale.ROOT).matches("throw|skip") ? null : "expected throw or skip";
            default:
                throw new AssertionError(attribute);
        }
    }

    private static MethodEntry.Kind kindOf(String key) {
        for (MethodEntry.Kind kind : MethodEntry.Kind.values()) {
            if (key.startsWith(kind.prefix)) {
                return kind;
            }
        }
        return null;
    }
}
