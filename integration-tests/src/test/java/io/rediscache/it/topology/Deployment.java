package io.rediscache.it.topology;

import java.util.List;
import java.util.UUID;

import io.rediscache.it.harness.ApplicationRedis;
import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisCluster;
import io.rediscache.it.harness.RedisSentinelGroup;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis deployment other than one server, started for one test class, with passwords: how the
 * agent of a forked JVM is pointed at it, how the application's own client reaches it
 * ({@link ApplicationRedis}), and a client for the test's own checks.
 */
public abstract class Deployment implements AutoCloseable {

    private UnifiedJedis client;

    /** A 3-primary, 3-replica cluster with one password. */
    public static Deployment cluster() {
        return new Deployment() {
            private final String password = "cl-" + UUID.randomUUID();
            private final RedisCluster cluster = RedisCluster.startWithPassword(password);

            @Override
            protected ForkedJvm agentSettings(ForkedJvm jvm) {
                return jvm.set("redis.cluster.nodes", cluster.nodes()).set("redis.password", password);
            }

            @Override
            public String applicationTarget() {
                return ApplicationRedis.cluster(cluster.nodes());
            }

            @Override
            protected String password() {
                return password;
            }

            @Override
            protected String sentinelPassword() {
                return null;
            }

            @Override
            protected void stop() {
                cluster.close();
            }
        };
    }

    /** A primary, a replica and 3 sentinels, the data nodes and the sentinels with passwords of their own. */
    public static Deployment sentinel() {
        return new Deployment() {
            private final String dataPassword = "data-" + UUID.randomUUID();
            private final String sentinelPassword = "sent-" + UUID.randomUUID();
            private final RedisSentinelGroup group = RedisSentinelGroup.startWithPasswords(dataPassword, sentinelPassword);

            @Override
            protected ForkedJvm agentSettings(ForkedJvm jvm) {
                return jvm.set("redis.sentinel.nodes", group.sentinelNodes())
                        .set("redis.sentinel.master", group.masterName())
                        .set("redis.password", dataPassword)
                        .set("redis.sentinel.password", sentinelPassword);
            }

            @Override
            public String applicationTarget() {
                return ApplicationRedis.sentinel(group.masterName(), group.sentinelNodes());
            }

            @Override
            protected String password() {
                return dataPassword;
            }

            @Override
            protected String sentinelPassword() {
                return sentinelPassword;
            }

            @Override
            protected void stop() {
                group.close();
            }
        };
    }

    protected abstract ForkedJvm agentSettings(ForkedJvm jvm);

    protected abstract String password();

    protected abstract String sentinelPassword();

    protected abstract void stop();

    /** The argument for {@link ApplicationRedis#open} in a JVM started by {@link #agent}. */
    public abstract String applicationTarget();

    /**
     * A JVM with the agent pointed at this deployment, with {@code cache.namespace} set, and the
     * passwords its application's own client needs in its environment.
     */
    public ForkedJvm agent(String namespace) {
        ForkedJvm jvm = agentSettings(ForkedJvm.withAgent()).set("cache.namespace", namespace)
                .environment(ApplicationRedis.PASSWORD, password());
        return sentinelPassword() == null ? jvm : jvm.environment(ApplicationRedis.SENTINEL_PASSWORD, sentinelPassword());
    }

    /** The passwords, which must appear in no output. */
    public List<String> secrets() {
        return sentinelPassword() == null ? List.of(password()) : List.of(password(), sentinelPassword());
    }

    /** The test's own client (Jedis 5, like the applications'). */
    public synchronized UnifiedJedis client() {
        if (client == null) {
            client = ApplicationRedis.open(applicationTarget(), password(), sentinelPassword());
        }
        return client;
    }

    @Override
    public synchronized void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            stop();
        }
    }
}
