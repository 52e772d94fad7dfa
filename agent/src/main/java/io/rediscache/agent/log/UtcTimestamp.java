package io.rediscache.agent.log;

/**
 * Writes an instant as {@code 2026-12-06T09:29:52.599+0000}: the layout of
 * {@code SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ")}, always in UTC.
 *
 * <p>Computed from the epoch milliseconds by arithmetic alone: the first {@code SimpleDateFormat}
 * of a JVM initialises Calendar, the CLDR locale providers and the time-zone data, about 70 ms
 * that every JVM with the agent paid in its premain, and even {@code TimeZone.getDefault()}
 * costs about 30 ms cold. UTC needs none of them, and a log line's time is unambiguous in it.
 */
final class UtcTimestamp {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** Days from 0000-03-01 (the start of the proleptic Gregorian era used below) to 1970-01-01. */
    private static final long EPOCH_SHIFT_DAYS = 719_468L;
    private static final long DAYS_PER_ERA = 146_097L;

    private UtcTimestamp() {
    }

    /** Appends {@code epochMillis} as {@code yyyy-MM-ddTHH:mm:ss.SSS+0000}. */
    static StringBuilder append(long epochMillis, StringBuilder out) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // the civil date of a day number (H. Hinnant's days_from_civil inverse): eras of 400
        // years, each year counted from March so that the leap day is the last of its year
        long shifted = days + EPOCH_SHIFT_DAYS;
        long era = Math.floorDiv(shifted, DAYS_PER_ERA);
        long dayOfEra = shifted - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        pad(year, 4, out).append('-');
        pad(month, 2, out).append('-');
        pad(day, 2, out).append('T');
        pad(millisOfDay / 3_600_000, 2, out).append(':');
        pad(millisOfDay / 60_000 % 60, 2, out).append(':');
        pad(millisOfDay / 1000 % 60, 2, out).append('.');
        return pad(millisOfDay % 1000, 3, out).append("+0000");
    }

    private static StringBuilder pad(long value, int width, StringBuilder out) {
        if (value < 0) {
            out.append('-');
            value = -value;
        }
        for (long limit = 10; --width > 0; limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }
}
