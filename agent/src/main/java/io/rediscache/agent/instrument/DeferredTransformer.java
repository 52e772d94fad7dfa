package io.rediscache.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's class file transformer, registered at start before Byte Buddy is even loaded:
 * each class goes through the {@link CandidateFilter} (name and raw bytes, microseconds), and
 * only candidates are handed to Byte Buddy's transformer. That transformer is prepared on a
 * background thread right after start (loading and initialising Byte Buddy takes most of a
 * second); a candidate that loads before it is ready waits for it (or prepares it itself if the
 * background thread has not begun), so no class that should be instrumented ever escapes.
 *
 * <p>Classes Byte Buddy itself loads while it is being prepared are agent or JDK classes, which
 * the filter turns away; a candidate met on the preparing thread (which cannot wait for itself)
 * is left unchanged and said so.
 */
final class DeferredTransformer implements ClassFileTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredTransformer.class);

    private final CandidateFilter filter;
    private final FutureTask<ClassFileTransformer> byteBuddy;
    private final InstrumentationTimes times;
    private volatile Thread preparing;
    private volatile boolean failed;

    DeferredTransformer(CandidateFilter filter, final Callable<ClassFileTransformer> prepare, final InstrumentationTimes times) {
        this.filter = filter;
        this.times = times;
        this.byteBuddy = new FutureTask<ClassFileTransformer>(new Callable<ClassFileTransformer>() {
            @Override
            public ClassFileTransformer call() throws Exception {
                preparing = Thread.currentThread();
                long started = System.nanoTime();
                try {
                    return prepare.call();
                } finally {
                    times.prepared(System.nanoTime() - started);
                    preparing = null;
                }
            }
        });
    }

    /** Prepares Byte Buddy's transformer now, unless that is already under way or done; returns once it is ready. */
    void prepare() {
        byteBuddy.run();
        ready();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
        long started = System.nanoTime();
        boolean candidate = filter.isCandidate(className, classFile);
        long looked = System.nanoTime();
        times.looked(looked - started);
        if (!candidate) {
            return null;
        }
        if (Thread.currentThread() == preparing) {
            LOG.warn("{} loaded while Byte Buddy was being prepared on the same thread; it runs without caching and"
                    + " locking. Please report this.", className);
            return null;
        }
        byteBuddy.run();
        ClassFileTransformer transformer = ready();
        if (transformer == null) {
            return null;
        }
        long waited = System.nanoTime() - looked;
        long transformStarted = System.nanoTime();
        byte[] transformed = transformer.transform(loader, className, classBeingRedefined, protectionDomain, classFile);
        times.transformed(transformed != null, waited, System.nanoTime() - transformStarted);
        return transformed;
    }

    /** @return Byte Buddy's transformer, or {@code null} when it could not be prepared (reported once) */
    private ClassFileTransformer ready() {
        try {
            return Uninterruptibly.get(byteBuddy);
        } catch (ExecutionException e) {
            if (!failed) {
                failed = true;
                LOG.error("The agent could not prepare Byte Buddy and instruments nothing; the application runs"
                        + " without caching and locking. Cause: {}", e.getCause().toString());
            }
            return null;
        }
    }
}
