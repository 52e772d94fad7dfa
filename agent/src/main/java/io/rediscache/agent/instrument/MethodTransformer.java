package io.rediscache.agent.instrument;

import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.config.MethodEntry;
import io.rediscache.agent.lock.LockedMethod;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Adds {@link CacheAdvice} to each method to cache, {@link LockAdvice} to each method to lock
 * and {@link EvictAdvice} to each method after which caches are evicted, with the method's
 * registry number bound as a constant ({@link MethodIds}). A method is cached when it is annotated
 * {@code @RedisCache} or a {@code cache.method.*} entry names it, locked when it is annotated
 * {@code @Locked} or a {@code lock.method.*} entry names it, evicting when it is annotated
 * {@code @EvictCache} or an {@code evict.method.*} entry names it; an entry overrides the
 * annotation of its kind (configuration over code, so operators can retune a compiled jar).
 * Only advice is added: no field, no method, no change to the class's shape, so
 * retransformation and other agents keep working.
 *
 * <p>A method both cached and locked is locked and not cached (said once): the order of the
 * two is not defined yet, and a lock must never be lost to a cache hit.
 */
final class MethodTransformer {

    private static final Logger LOG = LoggerFactory.getLogger(MethodTransformer.class);
    private static final ElementMatcher<MethodDescription> LOCKED =
            isAnnotatedWith(named(LockedMethodFactory.LOCKED));
    private static final ElementMatcher<MethodDescription> CACHED =
            isAnnotatedWith(named(CachedMethodFactory.REDIS_CACHE));
    private static final ElementMatcher<MethodDescription> EVICTS =
            isAnnotatedWith(named(EvictingMethodFactory.EVICT_CACHE));

    private final CachedMethodFactory cachedMethods;
    private final MethodRegistry<CachedMethod> cacheRegistry;
    private final LockedMethodFactory lockedMethods;
    private final MethodRegistry<LockedMethod> lockRegistry;
    private final EvictingMethodFactory evictingMethods = new EvictingMethodFactory();
    private final MethodRegistry<EvictingMethod> evictRegistry;
    private final ConfiguredMethods configured;
    private final MethodIds methodIds;
    private final Advice cacheAdvice;
    private final Advice lockAdvice;
    private final Advice evictAdvice;

    MethodTransformer(ByteBuddyParts parts, CachedMethodFactory cachedMethods,
                      MethodRegistry<CachedMethod> cacheRegistry, LockedMethodFactory lockedMethods,
                      MethodRegistry<LockedMethod> lockRegistry, MethodRegistry<EvictingMethod> evictRegistry,
                      ConfiguredMethods configured) {
        this.methodIds = parts.methodIds;
        this.cacheAdvice = parts.cacheAdvice;
        this.lockAdvice = parts.lockAdvice;
        this.evictAdvice = parts.evictAdvice;
        this.evictRegistry = evictRegistry;
        this.cachedMethods = cachedMethods;
        this.cacheRegistry = cacheRegistry;
        this.lockedMethods = lockedMethods;
        this.lockRegistry = lockRegistry;
        this.configured = configured;
    }

    /** Adds the advice for {@code type}'s cached, locked and evicting methods to {@code builder}; call {@link #done()} after writing the class. */
    DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type) {
        StringBuilder done = new StringBuilder();
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            MethodEntry lockEntry = configured.entryFor(MethodEntry.Kind.LOCK, type, method);
            MethodEntry cacheEntry = configured.entryFor(MethodEntry.Kind.CACHE, type, method);
            boolean lockAnnotated = LOCKED.matches(method);
            boolean cacheAnnotated = CACHED.matches(method);
            overrides(lockEntry, lockAnnotated, type, method);
            overrides(cacheEntry, cacheAnnotated, type, method);
            builder = withEviction(builder, type, method, done);
            if (lockEntry != null || lockAnnotated) {
                LockedMethod lock = lockEntry != null ? lockedMethods.create(type, method, lockEntry)
                        : lockedMethods.create(type, method);
                if (lock != null) {
                    builder = withAdvice(builder, lockAdvice, lockRegistry.register(lock), method);
                    done.append(done.length() == 0 ? "" : ", ").append("locked ").append(method.getName())
                            .append(" (lock '").append(lock.nameTemplate()).append("')");
                }
                if (cacheEntry != null || cacheAnnotated) {
                    LOG.warn("{} on {} is ignored: the method is also locked ({}), and this version does not combine"
                                    + " the two on one method.", cacheEntry != null ? cacheEntry.key() : "@RedisCache",
                            CachedMethodFactory.signature(type, method), lockEntry != null ? lockEntry.key() : "@Locked");
                }
            } else if (cacheEntry != null || cacheAnnotated) {
                CachedMethod cache = cacheEntry != null ? cachedMethods.create(type, method, cacheEntry)
                        : cachedMethods.create(type, method);
                if (cache != null) {
                    builder = withAdvice(builder, cacheAdvice, cacheRegistry.register(cache), method);
                    done.append(done.length() == 0 ? "" : ", ").append("cached ").append(method.getName())
                            .append(" (cache '").append(cache.cacheName()).append("')");
                }
            }
        }
        configured.classDone(type);
        if (done.length() > 0) {
            LOG.info("Instrumented {}: {}.", type.getName(), done);
        }
        return builder;
    }

    /** Evict advice goes first, so it sits inside a lock the method also takes: evicted before the release. */
    private DynamicType.Builder<?> withEviction(DynamicType.Builder<?> builder, TypeDescription type,
                                                MethodDescription.InDefinedShape method, StringBuilder done) {
        MethodEntry entry = configured.entryFor(MethodEntry.Kind.EVICT, type, method);
        boolean annotated = EVICTS.matches(method);
        overrides(entry, annotated, type, method);
        if (entry == null && !annotated) {
            return builder;
        }
        EvictingMethod evicting = entry != null ? evictingMethods.create(type, method, entry)
                : evictingMethods.create(type, method);
        if (evicting == null) {
            return builder;
        }
        done.append(done.length() == 0 ? "" : ", ").append(method.getName()).append(' ').append(evicting.describe());
        return withAdvice(builder, evictAdvice, evictRegistry.register(evicting), method);
    }

    private static void overrides(MethodEntry entry, boolean annotated, TypeDescription type, MethodDescription method) {
        if (entry != null && annotated) {
            LOG.info("{} applies to {}, which is also annotated {}; the entry's settings are used.", entry.key(),
                    CachedMethodFactory.signature(type, method), entry.kind().annotation());
        }
    }

    /** Forgets the method numbers handed to this thread's last class, once it is written (or failed). */
    void done() {
        methodIds.clear();
    }

    private DynamicType.Builder<?> withAdvice(DynamicType.Builder<?> builder, Advice advice, int id,
                                              MethodDescription.InDefinedShape method) {
        methodIds.assign(method, id);
        return builder.visit(advice.on(is(method)));
    }
}
