package io.rediscache.it.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.CodeSource;
import java.util.Properties;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import io.rediscache.it.harness.AgentStatistics;

/**
 * An application that ships its own versions of the libraries the agent shades (Jedis 5,
 * SLF4J 1.7 with slf4j-simple, Byte Buddy 1.14, Kryo 5.5) and uses each of them while the
 * agent caches one of its methods. {@code main(redisUrl, namespace)} reports, as
 * {@code RESULT name=value}, what each library did and which jar each class came from.
 */
public final class OwnLibrariesApp {

    private OwnLibrariesApp() {
    }

    public static void main(String[] args) throws Exception {
        String redisUrl = args[0];
        String namespace = args[1];
        GreetingService service = new GreetingService();

        // Miss before the application's libraries are first used, hit after: both orders of loading.
        report("cache.first", service.greet("world"));

        try (JedisPooled jedis = new JedisPooled(URI.create(redisUrl))) {
            String key = namespace + ":own-jedis";
            jedis.setex(key, 60, "set by the application's Jedis");
            report("jedis.value", jedis.get(key));
        }
        report("jedis.version", jedisVersion());
        report("jedis.location", location(Jedis.class));
        report("jedis.seesJedis8RedisClient", visible("redis.clients.jedis.RedisClient"));

        Logger log = LoggerFactory.getLogger(OwnLibrariesApp.class);
        log.info("the application's own SLF4J 1.7 logs this line");
        report("slf4j.factory", LoggerFactory.getILoggerFactory().getClass().getName());
        report("slf4j.binder", location(Class.forName("org.slf4j.impl.StaticLoggerBinder")));
        report("slf4j.requestedApi", org.slf4j.impl.StaticLoggerBinder.REQUESTED_API_VERSION);
        report("slf4j.location", location(LoggerFactory.class));
        report("slf4j.seesSlf4j2ServiceProvider", visible("org.slf4j.spi.SLF4JServiceProvider"));
        report("slf4j.simpleLoggerProperty", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));

        Class<?> generated = new ByteBuddy().subclass(Object.class)
                .name("io.rediscache.it.packaging.GeneratedByOwnByteBuddy")
                .make()
                .load(OwnLibrariesApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded();
        report("bytebuddy.generated", generated.getDeclaredConstructor().newInstance().getClass().getName());
        report("bytebuddy.location", location(ByteBuddy.class));

        Kryo kryo = new Kryo();
        Output output = new Output(64, -1);
        kryo.writeObject(output, "round trip through the application's Kryo");
        try (Input input = new Input(output.toBytes())) {
            report("kryo.value", kryo.readObject(input, String.class));
        }
        report("kryo.location", location(Kryo.class));

        report("cache.second", service.greet("world"));
        report("cache.runs", GreetingService.RUNS.get());
        agentLoader();
    }

    /** Which loader holds the agent's own classes: the one of its statistics MBean, published after the first call. */
    private static void agentLoader() throws Exception {
        ClassLoader loader = ManagementFactory.getPlatformMBeanServer().getClassLoaderFor(AgentStatistics.published());
        report("agent.loaderIsSystem", loader == ClassLoader.getSystemClassLoader());
        report("agent.loaderParentIsSystemsParent", loader.getParent() == ClassLoader.getSystemClassLoader().getParent());
        report("agent.loaderSeesApplication", loader.getResource(OwnLibrariesApp.class.getName().replace('.', '/') + ".class") != null);
    }

    /** The version Jedis itself reports (it reads this resource, through its own class loader). */
    private static String jedisVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Jedis.class.getClassLoader().getResourceAsStream("redis/clients/jedis/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        }
        return properties.getProperty("version");
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? "bootstrap" : source.getLocation().toString();
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, OwnLibrariesApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
