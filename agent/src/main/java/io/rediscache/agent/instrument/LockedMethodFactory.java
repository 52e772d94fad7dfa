package io.rediscache.agent.instrument;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.lock.LockNameTemplate;
import io.rediscache.agent.lock.LockedMethod;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a method's {@code @Locked} annotation (by name, from the class file) into a
 * {@link LockedMethod}. A doubtful annotation never leaves the method unlocked: a name that
 * refers to a missing argument is used literally (one lock for every call), with an error.
 */
final class LockedMethodFactory {

    static final String LOCKED = "io.rediscache.Locked";

    private static final Logger LOG = LoggerFactory.getLogger(LockedMethodFactory.class);

    private final long defaultWaitMillis;
    private final long defaultLeaseMillis;

    LockedMethodFactory(AgentConfig config) {
        this.defaultWaitMillis = config.millis(Setting.LOCK_WAIT);
        this.defaultLeaseMillis = config.millis(Setting.LOCK_LEASE);
    }

    /** @return the method's metadata, or {@code null} when it has no body to lock (logged) */
    LockedMethod create(TypeDescription type, MethodDescription method) {
        String signature = CachedMethodFactory.signature(type, method);
        if (method.isAbstract() || method.isNative()) {
            LOG.warn("@Locked on {} is ignored: an abstract or native method has no body to lock; annotate the"
                    + " implementing method.", signature);
            return null;
        }
        AnnotationDescription annotation = AnnotationLookup.declared(method, LOCKED);
        LockNameTemplate name = new LockNameTemplate(annotation.getValue("value").resolve(String.class));
        if (name.highestIndex() >= method.getParameters().size()) {
            LOG.error("@Locked(\"{}\") on {} refers to argument {{}}, which the method does not have; the name is"
                    + " used as written, so every call shares one lock.", name, signature, name.highestIndex());
            name = new LockNameTemplate(name.toString().replace("{", "(").replace("}", ")"));
        }
        long waitMillis = annotation.getValue("waitMillis").resolve(Long.class);
        long leaseMillis = annotation.getValue("leaseMillis").resolve(Long.class);
        String onTimeout = annotation.getValue("onTimeout").resolve(EnumerationDescription.class).getValue();
        return new LockedMethod(signature, name,
                waitMillis < 0 ? defaultWaitMillis : waitMillis,
                leaseMillis <= 0 ? defaultLeaseMillis : leaseMillis,
                "SKIP".equals(onTimeout));
    }
}
