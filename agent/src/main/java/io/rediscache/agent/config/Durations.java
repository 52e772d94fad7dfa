package io.rediscache.agent.config;

import java.util.Locale;

/** Parses the duration syntax of the properties file: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
final class Durations {

    private Durations() {
    }

    /** @return the duration in milliseconds, or -1 when {@code text} is not a duration */
    static long parseMillis(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String digits;
        if (value.endsWith("ms")) {
            unit = 1;
            digits = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            unit = 1000;
            digits = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            unit = 60_000;
            digits = value.substring(0, value.length() - 1);
        } else if (value.endsWith("h")) {
            unit = 3_600_000;
            digits = value.substring(0, value.length() - 1);
        } else {
            unit = 1000;
            digits = value;
        }
        digits = digits.trim();
        if (digits.isEmpty() || digits.length() > 12 || !allDigits(digits)) {
            return -1;
        }
        return Long.parseLong(digits) * unit;
    }

    /**
     * A loop, not {@code chars().allMatch(Character::isDigit)}: this runs in premain, where the
     * stream and the method reference cost milliseconds to set up.
     */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
