package io.rediscache.agent.codec;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.WeakHashMap;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.util.Pool;

/**
 * One pool of Kryo instances per application class loader. Kryo instances cache resolved
 * classes, so they must never be shared between loaders.
 *
 * <p>The loader is a weak key and the pool a soft value: the pool's Kryo instances hold the
 * loader strongly, so the loader of a redeployed web application stays reachable only through
 * the soft reference, which the collector clears when memory is needed. (A plain map; not
 * Caffeine, whose 2.x line makes JDK 24+ print {@code sun.misc.Unsafe} warnings.)
 */
final class KryoPools {

    private final Map<ClassLoader, SoftReference<Pool<Kryo>>> pools = new WeakHashMap<>();
    private final ClassAllowList allowList;

    KryoPools(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    synchronized Pool<Kryo> forLoader(ClassLoader requested) {
        ClassLoader loader = requested == null ? ClassLoader.getSystemClassLoader() : requested;
        SoftReference<Pool<Kryo>> reference = pools.get(loader);
        Pool<Kryo> pool = reference == null ? null : reference.get();
        if (pool == null) {
            pool = KryoFactory.newPool(loader, allowList);
            pools.put(loader, new SoftReference<>(pool));
        }
        return pool;
    }
}
