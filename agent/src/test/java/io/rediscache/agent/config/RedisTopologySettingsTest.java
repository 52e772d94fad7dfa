package io.rediscache.agent.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Redis: exactly one of {@code redis.url}, {@code redis.cluster.nodes},
 * {@code redis.sentinel.nodes}; Sentinel with its master's name; credentials only where they are
 * used; every error names the settings, never a password.
 */
class RedisTopologySettingsTest {

    private static final String PASSWORD = "Cl0ud-s3cret-pw";
    private static final String SENTINEL_PASSWORD = "Sent1nel-s3cret";

    @TempDir
    Path directory;

    private final Map<String, String> environment = new HashMap<>();
    private final Properties systemProperties = new Properties();

    @Test
    void clusterNodesWithCredentialsMakeAClusterTopology() throws IOException {
        ConfigLoader.Result result = loadFile("redis.cluster.nodes=127.0.0.1:7000, 127.0.0.1:7001,[::1]:7002",
                "redis.user=agent", "redis.password=" + PASSWORD);

        assertEquals(List.of(), result.errors());
        RedisTopology topology = result.config().redisTopology();
        assertAll(
                () -> assertEquals(RedisTopology.Kind.CLUSTER, topology.kind()),
                () -> assertEquals("[127.0.0.1:7000, 127.0.0.1:7001, [::1]:7002]", topology.nodes().toString()),
                () -> assertEquals("::1", topology.nodes().get(2).host()),
                () -> assertEquals("agent", topology.user()),
                () -> assertEquals(PASSWORD, topology.password()),
                () -> assertNull(result.config().redisUrl()),
                () -> assertEquals("cluster ****@127.0.0.1:7000,127.0.0.1:7001,[::1]:7002", topology.toString()));
    }

    @Test
    void sentinelNodesMasterAndBothPasswordsMakeASentinelTopology() throws IOException {
        ConfigLoader.Result result = loadFile("redis.sentinel.nodes=10.0.0.1:26379,10.0.0.2:26379",
                "redis.sentinel.master=orders", "redis.password=" + PASSWORD,
                "redis.sentinel.password=" + SENTINEL_PASSWORD);

        assertEquals(List.of(), result.errors());
        RedisTopology topology = result.config().redisTopology();
        assertAll(
                () -> assertEquals(RedisTopology.Kind.SENTINEL, topology.kind()),
                () -> assertEquals("orders", topology.masterName()),
                () -> assertEquals(PASSWORD, topology.password()),
                () -> assertEquals(SENTINEL_PASSWORD, topology.sentinelPassword()),
                () -> assertNull(topology.sentinelUser()),
                () -> assertFalse(topology.toString().contains(PASSWORD)),
                () -> assertFalse(topology.toString().contains(SENTINEL_PASSWORD)),
                () -> assertEquals("sentinel master 'orders' ****@via 10.0.0.1:26379,10.0.0.2:26379", topology.toString()));
    }

    @Test
    void oneServerIsASingleTopologyWithTheUrlsCredentials() {
        ConfigLoader.Result result = ConfigLoader.load("redis.url=redis://u:" + PASSWORD + "@h:6380/2", environment,
                systemProperties);

        RedisTopology topology = result.config().redisTopology();
        assertEquals(RedisTopology.Kind.SINGLE, topology.kind());
        assertEquals(PASSWORD, topology.password());
        assertEquals("redis://****@h:6380/2", topology.toString());
    }

    @Test
    void nothingSetMeansTheInProcessStore() {
        assertNull(ConfigLoader.load("", environment, systemProperties).config().redisTopology());
    }

    @Test
    void theEnvironmentAndAgentArgumentsCanNameACluster() {
        environment.put("REDISCACHE_REDIS_CLUSTER_NODES", "a:1,b:2");
        environment.put("REDISCACHE_REDIS_PASSWORD", PASSWORD);
        assertEquals("[a:1, b:2]", ConfigLoader.load("", environment, systemProperties).config().redisTopology().nodes()
                .toString());

        environment.clear();
        ConfigLoader.Result fromArguments = ConfigLoader.load("redis.cluster.nodes=a:1;b:2;c:3", environment,
                systemProperties);
        assertEquals(List.of(), fromArguments.errors());
        assertEquals(3, fromArguments.config().redisTopology().nodes().size(), "';' separates nodes in agent arguments");
    }

    @Test
    void twoDeploymentsAtOnceAreAnErrorNamingBoth() throws IOException {
        ConfigLoader.Result result = loadFile("redis.url=redis://:" + PASSWORD + "@h:6379", "redis.cluster.nodes=a:1");

        assertNull(result.config());
        String error = onlyError(result);
        assertTrue(error.contains("redis.url=redis://****@h:6379") && error.contains("redis.cluster.nodes=a:1")
                && error.contains("expected exactly one of"), error);
        assertFalse(error.contains(PASSWORD), error);

        String sentinelAndCluster = onlyError(loadFile("redis.sentinel.nodes=s:1", "redis.sentinel.master=m",
                "redis.cluster.nodes=a:1"));
        assertTrue(sentinelAndCluster.contains("redis.cluster.nodes=a:1")
                && sentinelAndCluster.contains("redis.sentinel.nodes=s:1"), sentinelAndCluster);
    }

    @Test
    void sentinelNeedsItsMasterNameAndTheNameNeedsSentinels() throws IOException {
        String noMaster = onlyError(loadFile("redis.sentinel.nodes=s:26379"));
        assertTrue(noMaster.contains("redis.sentinel.nodes=s:26379") && noMaster.contains("without redis.sentinel.master"),
                noMaster);
        String noNodes = onlyError(loadFile("redis.sentinel.master=orders"));
        assertTrue(noNodes.contains("redis.sentinel.master=orders") && noNodes.contains("without redis.sentinel.nodes"),
                noNodes);
    }

    @Test
    void credentialsWhereTheyCannotBeUsedAreErrorsThatHideThePassword() throws IOException {
        String withUrl = onlyError(loadFile("redis.url=redis://h:6379", "redis.password=" + PASSWORD));
        assertTrue(withUrl.contains("redis.password=(hidden)") && withUrl.contains("redis://user:password@host:port"),
                withUrl);
        assertFalse(withUrl.contains(PASSWORD), withUrl);

        String sentinelPasswordForCluster = onlyError(loadFile("redis.cluster.nodes=a:1", "redis.sentinel.user=watch",
                "redis.sentinel.password=" + SENTINEL_PASSWORD));
        assertTrue(sentinelPasswordForCluster.contains("redis.sentinel.user=watch")
                && sentinelPasswordForCluster.contains("redis.sentinel.password=(hidden)")
                && sentinelPasswordForCluster.contains("without redis.sentinel.nodes"), sentinelPasswordForCluster);
        assertFalse(sentinelPasswordForCluster.contains(SENTINEL_PASSWORD));
    }

    @Test
    void malformedNodeListsAreErrorsNamingKeyAndValue() throws IOException {
        for (String nodes : new String[] {"localhost", "a:1,b", "a:notaport", "a:70000", ":7000", " , "}) {
            ConfigLoader.Result result = loadFile("redis.cluster.nodes=" + nodes);
            String error = onlyError(result);
            assertTrue(error.startsWith("redis.cluster.nodes=" + nodes.trim()) && error.contains("host:port"), error);
        }
    }

    @Test
    void tlsTrustWithAPlainClusterIsAnErrorNamingRedisTls() throws IOException {
        Path ca = Files.createFile(directory.resolve("ca.pem"));
        String error = onlyError(loadFile("redis.cluster.nodes=a:1", "redis.tls.ca=" + ca));
        assertTrue(error.contains("no connection uses TLS (redis.tls is false)"), error);
    }

    private static String onlyError(ConfigLoader.Result result) {
        assertNull(result.config(), "a configuration error must disable the agent");
        assertEquals(1, result.errors().size(), result.errors().toString());
        assertNotNull(result.errors().get(0));
        return result.errors().get(0);
    }

    private ConfigLoader.Result loadFile(String... lines) throws IOException {
        Path file = directory.resolve("agent.properties");
        Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return ConfigLoader.load("config=" + file, environment, systemProperties);
    }
}
