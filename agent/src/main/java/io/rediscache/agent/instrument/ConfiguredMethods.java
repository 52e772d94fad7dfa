package io.rediscache.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.rediscache.agent.config.MethodEntry;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods the properties file lists ({@code cache.method.*}, {@code lock.method.*}),
 * matched against classes as they load, and the reports a user needs to trust a list nobody
 * compiled: an entry naming a class that loads without the method is reported at once (with
 * the methods of that name the class does have); an entry that matched nothing some time after
 * start-up ({@code agent.unmatched.report.after}) is reported then. Classes are matched by name
 * first, so an entry costs the classes it does not name almost nothing.
 *
 * <p>Only methods with a body that the class itself declares are candidates: a pattern does
 * not reach inherited methods, constructors, or compiler-generated (bridge, synthetic) ones.
 * Abstract methods are reported when an entry names their class exactly (annotate or list the
 * implementation instead) and passed over by wildcard patterns.
 */
final class ConfiguredMethods {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredMethods.class);

    private final List<MethodEntry> entries;
    private final Set<MethodEntry> matched = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ConfiguredMethods(List<MethodEntry> entries) {
        this.entries = entries;
    }

    /** By name alone: does any entry name a class like this one? @param className binary name, as {@code com.acme.Outer$Inner} */
    boolean namesClass(String className) {
        for (MethodEntry entry : entries) {
            if (entry.pattern().matchesClass(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the entry of this kind that applies to {@code method}, or {@code null}; the first
     *         in key order when several do (the others are reported)
     */
    MethodEntry entryFor(MethodEntry.Kind kind, TypeDescription type, MethodDescription method) {
        if (method.isConstructor() || method.isTypeInitializer() || method.isSynthetic() || method.isBridge()) {
            return null;
        }
        List<String> parameterTypes = parameterTypes(method);
        MethodEntry chosen = null;
        for (MethodEntry entry : entries) {
            if (entry.kind() != kind || !entry.pattern().matchesClass(type.getName())
                    || !entry.pattern().matchesMethod(method.getName(), parameterTypes)
                    || (method.isAbstract() || method.isNative()) && entry.pattern().exactClassName() == null) {
                continue;
            }
            matched.add(entry);
            if (chosen == null) {
                chosen = entry;
            } else if (warned.add(entry.key() + " " + type.getName() + "#" + method.getName())) {
                LOG.warn("{} and {} both apply to {}; {} is used and {} is not applied to this method.",
                        chosen.key(), entry.key(), CachedMethodFactory.signature(type, method), chosen.key(), entry.key());
            }
        }
        return chosen;
    }

    /**
     * Called after each matched class: an entry naming this class exactly that matched none of
     * its methods is a mistake now, not later.
     */
    void classDone(TypeDescription type) {
        for (MethodEntry entry : entries) {
            if (type.getName().equals(entry.pattern().exactClassName()) && !matched.contains(entry)
                    && warned.add(entry.key() + " unmatched")) {
                LOG.warn("{} does not apply: class {} has no such method; it declares {}. Write the parameter types"
                        + " fully qualified, as the agent logs them, or leave the list out to match every overload.",
                        entry, type.getName(), candidates(type, entry));
            }
        }
    }

    private static String candidates(TypeDescription type, MethodEntry entry) {
        Set<String> all = new TreeSet<>();
        Set<String> sameName = new TreeSet<>();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            if (method.isConstructor() || method.isTypeInitializer() || method.isSynthetic() || method.isBridge()) {
                continue;
            }
            String signature = CachedMethodFactory.signature(type, method);
            all.add(signature.substring(signature.indexOf('#') + 1));
            if (entry.pattern().matchesMethodName(method.getName())) {
                sameName.add(signature.substring(signature.indexOf('#') + 1));
            }
        }
        Set<String> shown = sameName.isEmpty() ? all : sameName;
        return shown.isEmpty() ? "no methods" : String.join(", ", shown);
    }

    /** Reports, once, the entries that matched no method so far. */
    void reportUnmatched(long afterMillis) {
        for (MethodEntry entry : entries) {
            if (!matched.contains(entry) && warned.add(entry.key() + " unmatched")) {
                LOG.warn("{} matched no method in the classes loaded in the first {} ms; check the class name (binary"
                        + " name, as com.acme.Outer$Inner), the method name and the parameter types. It still applies"
                        + " if such a class loads later.", entry, afterMillis);
            }
        }
    }

    private static List<String> parameterTypes(MethodDescription method) {
        List<String> types = new ArrayList<>();
        for (ParameterDescription parameter : method.getParameters()) {
            types.add(parameter.getType().asErasure().getActualName());
        }
        return types;
    }
}
