package io.rediscache.agent.lock;

import java.util.ArrayList;
import java.util.List;

/**
 * A lock name with argument placeholders: {@code "sku_{0}"} is {@code "sku_"} followed by
 * {@code String.valueOf} of the first argument. Other braces are kept as they are.
 */
public final class LockNameTemplate {

    private final String template;
    private final List<Object> parts = new ArrayList<>(); // String literals and Integer argument indexes
    private final int highestIndex;

    public LockNameTemplate(String template) {
        this.template = template;
        int highest = -1;
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int close = template.charAt(i) == '{' ? template.indexOf('}', i) : -1;
            String inside = close > i + 1 ? template.substring(i + 1, close) : "";
            if (!inside.isEmpty() && inside.length() <= 3 && inside.chars().allMatch(Character::isDigit)) {
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                int index = Integer.parseInt(inside);
                parts.add(index);
                highest = Math.max(highest, index);
                i = close + 1;
            } else {
                literal.append(template.charAt(i++));
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        this.highestIndex = highest;
    }

    /** The largest argument index the template uses, or -1. */
    public int highestIndex() {
        return highestIndex;
    }

    String render(Object[] arguments) {
        if (highestIndex < 0) {
            return template;
        }
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            name.append(part instanceof Integer ? String.valueOf(arguments[(Integer) part]) : (String) part);
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
