package io.rediscache.it.config;

/** Counting the agent's log lines (stderr of a forked JVM). */
public final class Logs {

    private Logs() {
    }

    /** How many lines of {@code text} contain every one of {@code fragments}. */
    public static long lines(String text, String... fragments) {
        return text.lines().filter(line -> {
            for (String fragment : fragments) {
                if (!line.contains(fragment)) {
                    return false;
                }
            }
            return true;
        }).count();
    }
}
