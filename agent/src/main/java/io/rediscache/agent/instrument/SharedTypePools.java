package io.rediscache.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Lets Byte Buddy describe each type once per class loader, instead of once per transformed
 * class: by default every transformation parses again, from the class loader's resources, the
 * class files of {@code Object}, {@code String} and every other type the class refers to, which
 * made each instrumented class cost milliseconds. The caches are held weakly by class loader, so
 * an application server that drops a loader drops its cache too.
 */
final class SharedTypePools extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private final TypePool.CacheProvider bootstrap = new TypePool.CacheProvider.Simple();
    private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();

    SharedTypePools() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
        if (classLoader == null) {
            return bootstrap;
        }
        synchronized (byLoader) {
            TypePool.CacheProvider cache = byLoader.get(classLoader);
            if (cache == null) {
                cache = new TypePool.CacheProvider.Simple();
                byLoader.put(classLoader, cache);
            }
            return cache;
        }
    }
}
