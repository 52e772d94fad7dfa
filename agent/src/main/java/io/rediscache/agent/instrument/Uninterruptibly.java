package io.rediscache.agent.instrument;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waits for Byte Buddy's preparation on whatever thread needs it, often an application thread
 * loading a class: an interrupt of that thread must neither abandon the wait (the class would
 * escape instrumentation) nor be lost (the application may rely on it), so it is kept and set
 * again once the result is there.
 */
final class Uninterruptibly {

    private Uninterruptibly() {
    }

    static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
