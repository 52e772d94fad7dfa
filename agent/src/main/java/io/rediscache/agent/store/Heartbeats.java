package io.rediscache.agent.store;

import java.util.ArrayDeque;

/**
 * The near-cache heartbeats of one JVM's subscription ({@link GenerationTracker}): when each was
 * sent, and the newest heard back, to judge whether the subscription is behind.
 *
 * <p>The judge is the oldest heartbeat not heard back yet: the subscription is behind when one
 * sent more than the stall time ago is still unheard. Echoes arrive in the order the heartbeats
 * were published, so hearing one answers every heartbeat sent before it. The age of the newest
 * echo would be the wrong judge: a heartbeat thread that ran late (a busy machine, a GC pause,
 * the thread's first run) sent nothing to hear back, which says nothing about the stream.
 *
 * <p>Threads: the heartbeat thread records what it sends and asks whether the subscription is
 * behind; the subscriber thread reports echoes and new subscriptions.
 */
final class Heartbeats {

    /** More unanswered heartbeats say nothing new: the oldest is the judge. */
    private static final int MAX_UNANSWERED = 64;

    private final long stallNanos;
    /** When the heartbeats not heard back yet were sent ({@link System#nanoTime()}), oldest first; heartbeat thread only. */
    private final ArrayDeque<Long> unanswered = new ArrayDeque<>();
    /** When the newest heartbeat heard back was sent; heartbeats sent up to then are answered. */
    private volatile long answeredUpTo = System.nanoTime();

    Heartbeats(long stallNanos) {
        this.stallNanos = stallNanos;
    }

    /** A heartbeat is about to be published (counted even if publishing fails: it is never heard back either). */
    void sending(long sentNanos) {
        if (unanswered.size() < MAX_UNANSWERED) {
            unanswered.addLast(sentNanos);
        }
    }

    /** The heartbeat sent at {@code sentNanos} was heard back on the subscription. */
    void heard(long sentNanos) {
        if (sentNanos - answeredUpTo > 0) {
            answeredUpTo = sentNanos;
        }
    }

    /** A new subscription: it hears only what is published from now on, so earlier heartbeats are moot. */
    void subscribed(long nowNanos) {
        answeredUpTo = nowNanos;
    }

    /** Nothing to guard now (no subscription, or no near cache): forgets what was sent. */
    void clear() {
        unanswered.clear();
    }

    /** Whether a heartbeat sent more than the stall time before {@code nowNanos} has not been heard back. */
    boolean behind(long nowNanos) {
        long answered = answeredUpTo;
        while (!unanswered.isEmpty() && unanswered.peekFirst() - answered <= 0) {
            unanswered.pollFirst();
        }
        Long oldest = unanswered.peekFirst();
        return oldest != null && nowNanos - oldest > stallNanos;
    }

    /** Whether an echo of a heartbeat sent at {@code sentNanos} is recent enough to say the stream has caught up. */
    boolean fresh(long sentNanos, long nowNanos) {
        return nowNanos - sentNanos < stallNanos;
    }
}
