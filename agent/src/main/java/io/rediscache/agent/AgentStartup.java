package io.rediscache.agent;

import java.lang.instrument.Instrumentation;
import java.util.function.LongSupplier;

import io.rediscache.agent.bridge.CacheBridge;
import io.rediscache.agent.bridge.LockBridge;
import io.rediscache.agent.cache.CacheEngine;
import io.rediscache.agent.cache.CachedMethod;
import io.rediscache.agent.cache.EvictingMethod;
import io.rediscache.agent.cache.MethodRegistry;
import io.rediscache.agent.cache.StampedeOptions;
import io.rediscache.agent.codec.ClassAllowList;
import io.rediscache.agent.codec.KryoCodec;
import io.rediscache.agent.codec.ValueSigner;
import io.rediscache.agent.config.AgentConfig;
import io.rediscache.agent.config.ConfigLoader;
import io.rediscache.agent.config.Setting;
import io.rediscache.agent.instrument.ByteBuddyPreparation;
import io.rediscache.agent.instrument.Instrumenter;
import io.rediscache.agent.lock.LockEngine;
import io.rediscache.agent.lock.LockedMethod;
import io.rediscache.agent.metrics.CacheStatistics;
import io.rediscache.agent.store.CacheStore;
import io.rediscache.agent.store.LocalStore;
import io.rediscache.agent.store.NearCache;
import io.rediscache.agent.store.RedisConnection;
import io.rediscache.agent.store.RedisStore;
import org.slf4j.Logger;

/**
 * The agent's wiring, called by {@link AgentMain} once the bridge is on the bootstrap class
 * path: Byte Buddy's preparation (on its own thread) → configuration → logging → store and locks
 * → engines → bridges → instrumentation.
 *
 * <p>A configuration error disables the agent (the application runs unchanged) unless
 * {@code agent.strict=true}, in which case the JVM exits with code 78 before the application starts.
 */
public final class AgentStartup {

    /** The JVM's exit code when {@code agent.strict=true} refuses a configuration (EX_CONFIG of sysexits.h). */
    static final int EXIT_CONFIGURATION_ERROR = 78;

    private AgentStartup() {
    }

    public static void start(String arguments, Instrumentation instrumentation) {
        // First, as it takes longest and the first class to instrument waits for it. When the
        // configuration then turns out invalid, this daemon thread's work is merely wasted.
        ByteBuddyPreparation byteBuddy = ByteBuddyPreparation.start();
        ConfigLoader.Result loaded = ConfigLoader.load(arguments, System.getenv(), System.getProperties());
        Logger log = AgentLogging.configure(loaded.logLevel());
        for (String warning : loaded.warnings()) {
            log.warn(warning);
        }
        if (!loaded.errors().isEmpty()) {
            for (String error : loaded.errors()) {
                log.error(error);
            }
            if (loaded.strict()) {
                log.error("agent.strict=true: the JVM does not start because of these configuration errors: {}",
                        String.join(" ", loaded.errors()));
                // exit rather than throw: an exception from premain makes HotSpot abort with a
                // native stack dump (and possibly a core file) instead of a plain exit code.
                System.exit(EXIT_CONFIGURATION_ERROR);
            }
            log.error("The agent is disabled because of the configuration errors above; the application runs"
                    + " without caching. Set agent.strict=true to refuse to start instead.");
            return;
        }
        AgentConfig config = loaded.config();
        if (JavaVersion.feature() >= 24) {
            KryoCodec.initialiseWithoutUnsafe();
        }
        String namespace = config.text(Setting.CACHE_NAMESPACE);
        CacheStore store;
        RedisConnection connection = null;
        CacheStatistics statistics;
        if (config.redisTopology() == null) {
            store = new LocalStore(config.count(Setting.CACHE_LOCAL_MAX_BYTES));
            statistics = new CacheStatistics();
        } else {
            RedisStore redisStore = RedisStore.connectInBackground(config);
            connection = redisStore.connection();
            store = redisStore;
            final NearCache near = redisStore.near();
            statistics = new CacheStatistics(new LongSupplier() { // not a method reference: it would be linked in premain
                @Override
                public long getAsLong() {
                    return near.hits();
                }
            });
        }
        MethodRegistry<CachedMethod> cacheRegistry = new MethodRegistry<CachedMethod>();
        MethodRegistry<LockedMethod> lockRegistry = new MethodRegistry<LockedMethod>();
        MethodRegistry<EvictingMethod> evictRegistry = new MethodRegistry<EvictingMethod>();
        ClassAllowList allowList = new ClassAllowList(config.list(Setting.CACHE_ALLOWED_PACKAGES));
        String signingKey = config.optionalText(Setting.CACHE_SIGNING_KEY);
        ValueSigner signer = signingKey == null ? ValueSigner.none() : ValueSigner.withKey(signingKey);
        CacheBridge.install(new CacheEngine(cacheRegistry, evictRegistry, store, new KryoCodec(allowList),
                config.count(Setting.CACHE_MAX_VALUE_BYTES), namespace, config.millis(Setting.CACHE_TTL),
                config.optionalText(Setting.CACHE_USER_PROVIDER), signer, stampedeOptions(config, log),
                config.flag(Setting.CACHE_WRITE_ASYNC) ? config.count(Setting.CACHE_WRITE_ASYNC_QUEUE) : 0,
                statistics));
        LockEngine locks = LockEngine.create(lockRegistry, connection, config);
        LockBridge.install(locks);
        long started = System.nanoTime();
        Instrumenter.install(byteBuddy, instrumentation, config, cacheRegistry, lockRegistry, evictRegistry, allowList,
                connection == null ? null : ((RedisStore) store).near());
        log.info("redis-cache-agent {} started: backend {}, namespace '{}', default TTL {}, locks {}; instrumentation"
                        + " installed in {} ms (classes are instrumented as they load).",
                version(), store.describe(), namespace, config.formatDuration(Setting.CACHE_TTL), locks.describe(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static StampedeOptions stampedeOptions(AgentConfig config, Logger log) {
        boolean singleFlight = config.flag(Setting.CACHE_SINGLEFLIGHT);
        if (!singleFlight && (config.flag(Setting.CACHE_STAMPEDE_LOCK) || config.flag(Setting.CACHE_REFRESH_EARLY))) {
            log.warn("cache.stampede.lock and cache.refresh.early work on top of single flight and are off while"
                    + " cache.singleflight=false; set cache.singleflight=true to use them.");
        }
        return new StampedeOptions(singleFlight, config.millis(Setting.CACHE_SINGLEFLIGHT_WAIT),
                config.flag(Setting.CACHE_STAMPEDE_LOCK), config.flag(Setting.CACHE_REFRESH_EARLY),
                config.decimal(Setting.CACHE_REFRESH_BETA));
    }

    private static String version() {
        String version = AgentStartup.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
