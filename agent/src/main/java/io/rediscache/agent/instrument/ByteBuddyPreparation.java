package io.rediscache.agent.instrument;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.rediscache.agent.DaemonThreads;

/**
 * Byte Buddy's configuration-independent parts ({@link ByteBuddyParts}) being built on a
 * background thread, to be handed to {@link Instrumenter#install}. Started first thing in the
 * agent's start, before the configuration is read and logging is set up: building them is the
 * longest part of the start (a few hundred ms on a small machine, mostly loading Byte Buddy's
 * classes), and the first class to instrument waits for it. Nothing on that path logs (logging
 * is not set up yet when it begins; see {@link ByteBuddyParts#warmUpFailure}).
 */
public final class ByteBuddyPreparation {

    private final FutureTask<ByteBuddyParts> parts = new FutureTask<ByteBuddyParts>(new Callable<ByteBuddyParts>() {
        @Override
        public ByteBuddyParts call() {
            return new ByteBuddyParts().warmUp();
        }
    });

    private ByteBuddyPreparation() {
    }

    /** Starts building the parts on a daemon thread. */
    public static ByteBuddyPreparation start() {
        ByteBuddyPreparation preparation = new ByteBuddyPreparation();
        DaemonThreads.start("byte-buddy", preparation.parts);
        return preparation;
    }

    /** Waits for the parts; a failure to build them is thrown as the {@link ExecutionException}'s cause. */
    ByteBuddyParts get() throws Exception {
        try {
            return Uninterruptibly.get(parts);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        }
    }
}
