package io.rediscache.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Lets Byte Buddy describe each type once per class loader, instead of once per transformed
 * class: otherwise every transformation parses again, from the class loader's resources, the
 * class files of {@code Object}, {@code String} and every other type the class refers to, which
 * made each instrumented class cost milliseconds. The caches are held weakly by class loader, so
 * an application server that drops a loader drops its cache too.
 */
final class SharedTypePools {

    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();
    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();

    /** A pool that finds class files with {@code locator} and shares what it parsed with every pool of {@code loader}. */
    TypePool typePool(ClassFileLocator locator, ClassLoader loader) {
        return new TypePool.Default.WithLazyResolution(cache(loader), locator, TypePool.Default.ReaderMode.FAST);
    }

    private TypePool.CacheProvider cache(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            TypePool.CacheProvider cache = byLoader.get(loader);
            if (cache == null) {
                cache = new TypePool.CacheProvider.Simple();
                byLoader.put(loader, cache);
            }
            return cache;
        }
    }
}
