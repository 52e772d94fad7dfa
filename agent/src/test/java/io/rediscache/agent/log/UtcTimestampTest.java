package io.rediscache.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Random;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent's timestamps are what {@code SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ")} in UTC
 * writes (the format slf4j-simple was given before), for the edges of days, months, leap years
 * and centuries, and for instants spread over four centuries.
 */
class UtcTimestampTest {

    private static String expected(long millis) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(new Date(millis));
    }

    private static String actual(long millis) {
        return UtcTimestamp.append(millis, new StringBuilder()).toString();
    }

    @Test
    void anExample() {
        assertEquals("2026-12-06T09:29:52.599+0000", actual(1_796_549_392_599L));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 999L, 1000L, 59_999L, 86_399_999L, 86_400_000L,
            951_782_400_000L, // 2000-02-29 (a leap day of a century divisible by 400)
            951_868_799_999L, 951_868_800_000L, // the end of it, 2000-03-01
            4_107_542_400_000L, // 2100-03-01 (2100 is no leap year)
            4_107_542_399_999L,
            1_709_164_800_000L, // 2024-02-29
            1_735_689_599_999L, // 2024-12-31T23:59:59.999
            253_402_300_799_999L}) // 9999-12-31T23:59:59.999
    void edgesOfDaysMonthsAndYears(long millis) {
        assertEquals(expected(millis), actual(millis));
    }

    @Test
    void instantsOverFourCenturies() {
        Random random = new Random(20261206);
        long from = 0L;
        long to = 400L * 365 * 86_400_000L;
        for (int i = 0; i < 20_000; i++) {
            long millis = from + (long) (random.nextDouble() * (to - from));
            assertEquals(expected(millis), actual(millis), "at " + millis);
        }
    }
}
