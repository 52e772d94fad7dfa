package io.rediscache.it.locks;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the {@code "valueRead fencingToken"} lines of {@link CounterService}'s locked increments must show. */
public final class CounterSteps {

    private CounterSteps() {
    }

    /**
     * Fails unless the fencing tokens rise strictly in the order of the counter values their
     * holders read: each holder got a token above every earlier holder's.
     *
     * @return how many steps there were
     */
    public static int assertTokensRiseWithTheCounter(List<String> steps) {
        List<long[]> sorted = steps.stream()
                .map(step -> new long[] {Long.parseLong(step.split(" ")[0]), Long.parseLong(step.split(" ")[1])})
                .sorted(Comparator.comparingLong(step -> step[0]))
                .toList();
        long previous = 0;
        for (long[] step : sorted) {
            assertTrue(step[1] > previous, "fencing token " + step[1] + " at counter value " + step[0]
                    + " is not above the previous holder's " + previous);
            previous = step[1];
        }
        return sorted.size();
    }
}
