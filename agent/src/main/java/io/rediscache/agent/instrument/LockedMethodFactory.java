package io.rediscache.agent.instrument;

import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.MethodEntry;
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
 * Reads a method's {@code @Locked} annotation (by name, from the class file), or the
 * {@code lock.method.*} entry that names it, into a {@link LockedMethod}. A doubtful annotation never leaves the method unlocked: a name that
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

    /** @return the metadata of an {@code @Locked} method, or {@code null} when it has no body to lock (logged) */
    LockedMethod create(TypeDescription type, MethodDescription method) {
        AnnotationDescription annotation = AnnotationLookup.declared(method, LOCKED);
        long waitMillis = annotation.getValue("waitMillis").resolve(Long.class);
        long leaseMillis = annotation.getValue("leaseMillis").resolve(Long.class);
        String onTimeout = annotation.getValue("onTimeout").resolve(EnumerationDescription.class).getValue();
        return build(type, method, "@Locked", annotation.getValue("value").resolve(String.class),
                waitMillis < 0 ? defaultWaitMillis : waitMillis,
                leaseMillis <= 0 ? defaultLeaseMillis : leaseMillis,
                "SKIP".equals(onTimeout));
    }

    /** @return the metadata of a method a {@code lock.method.*} entry names, or {@code null} (logged) */
    LockedMethod create(TypeDescription type, MethodDescription method, MethodEntry entry) {
        return build(type, method, entry.key(), entry.name(), entry.millis("wait", defaultWaitMillis),
                entry.millis("lease", defaultLeaseMillis), entry.skipOnTimeout());
    }

    /** @param source what asked for the lock, for messages: {@code @Locked} or {@code lock.method.payroll} */
    private LockedMethod build(TypeDescription type, MethodDescription method, String source, String nameTemplate,
                               long waitMillis, long leaseMillis, boolean skipOnTimeout) {
        String signature = CachedMethodFactory.signature(type, method);
        if (method.isAbstract() || method.isNative()) {
            LOG.warn("{} on {} is ignored: an abstract or native method has no body to lock; lock the implementing"
                    + " method instead.", source, signature);
            return null;
        }
        LockNameTemplate name = new LockNameTemplate(nameTemplate);
        if (name.highestIndex() >= method.getParameters().size()) {
            LOG.error("The lock name '{}' of {} on {} refers to argument {{}}, which the method does not have; the name"
                    + " is used as written, so every call shares one lock.", name, source, signature, name.highestIndex());
            name = new LockNameTemplate(name.toString().replace("{", "(").replace("}", ")"));
        }
        return new LockedMethod(signature, name, waitMillis, leaseMillis, skipOnTimeout);
    }
}
