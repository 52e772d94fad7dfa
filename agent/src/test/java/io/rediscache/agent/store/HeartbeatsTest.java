package io.rediscache.agent.store;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the near-cache heartbeats say the subscription is behind, and when they must not. */
class HeartbeatsTest {

    private static final long STALL = TimeUnit.MILLISECONDS.toNanos(300);

    private final Heartbeats heartbeats = new Heartbeats(STALL);
    /** A time after the one the heartbeats were created at. */
    private final long t0 = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);

    @Test
    void aHeartbeatNotHeardBackWithinTheStallTimeSaysTheSubscriptionIsBehind() {
        heartbeats.sending(t0);
        assertFalse(heartbeats.behind(t0 + ms(250)));
        assertTrue(heartbeats.behind(t0 + ms(301)));
    }

    @Test
    void aHeartbeatThatCouldNotBePublishedIsNeverHeardBackEither() {
        heartbeats.sending(t0); // the publish then failed: nothing is heard
        heartbeats.sending(t0 + ms(100));
        assertTrue(heartbeats.behind(t0 + ms(301)));
    }

    @Test
    void hearingOneHeartbeatAnswersEveryEarlierOne() {
        heartbeats.sending(t0);
        heartbeats.sending(t0 + ms(100));
        heartbeats.sending(t0 + ms(200));
        heartbeats.heard(t0 + ms(100));
        assertFalse(heartbeats.behind(t0 + ms(450)), "the oldest unheard one is 250 ms old");
        assertTrue(heartbeats.behind(t0 + ms(501)));
        heartbeats.heard(t0 + ms(200));
        assertFalse(heartbeats.behind(t0 + ms(501)));
    }

    @Test
    void aHeartbeatThreadThatRanLateIsNotASubscriptionBehind() {
        heartbeats.sending(t0);
        heartbeats.heard(t0);
        assertFalse(heartbeats.behind(t0 + ms(2000)), "nothing was sent for 2 s, so nothing is unheard");
        heartbeats.sending(t0 + ms(2000));
        assertFalse(heartbeats.behind(t0 + ms(2100)));
    }

    @Test
    void aNewSubscriptionMakesTheHeartbeatsSentBeforeItMoot() {
        heartbeats.sending(t0);
        heartbeats.subscribed(t0 + ms(50));
        assertFalse(heartbeats.behind(t0 + ms(1000)));
    }

    @Test
    void anEchoIsFreshWithinTheStallTime() {
        assertTrue(heartbeats.fresh(t0, t0 + ms(299)));
        assertFalse(heartbeats.fresh(t0, t0 + ms(300)));
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
