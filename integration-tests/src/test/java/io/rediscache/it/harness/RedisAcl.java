package io.rediscache.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The least-privilege mode of the tests ({@code -Dit.redis.acl=true}): the agent logs in as a
 * Redis ACL user made from the very {@code ACL SETUSER cacheagent …} line of the README, with
 * {@code app} replaced by the test's namespace, so the suite proves that line is enough (a
 * command missing from it fails the tests) and that the agent touches nothing outside its
 * namespace. Each user is checked to be really restricted before the agent gets its URL, and
 * the server's {@code ACL LOG} must be empty when the test class ends, so a refusal the agent
 * swallowed (a cached call that quietly ran uncached) fails the run too.
 */
public final class RedisAcl {

    /** The system property that turns the mode on. */
    public static final String PROPERTY = "it.redis.acl";

    private static final String README_PREFIX = "ACL SETUSER cacheagent ";
    static final String README_CLUSTER_PREFIX = "On a Redis Cluster, add";
    private static final Map<String, String> USERS = new ConcurrentHashMap<>();

    private RedisAcl() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * The {@code redis.url} for an agent of {@code namespace}: {@code adminUrl} itself, or in ACL
     * mode a new user's URL on the same server.
     *
     * @param sharedKeys key patterns the application reaches through {@code Cache.shared()}
     */
    public static String agentUrl(String adminUrl, String namespace, String... sharedKeys) {
        return enabled() ? createUser(adminUrl, namespace, sharedKeys) : adminUrl;
    }

    /**
     * Creates the README's user for {@code namespace}, checks it is restricted, and returns its
     * URL; the same URL again for the same server and namespace (so JVMs started one after the
     * other share one user and password).
     */
    public static String createUser(String adminUrl, String namespace, String... sharedKeys) {
        return USERS.computeIfAbsent(adminUrl + " " + namespace, key -> newUser(adminUrl, namespace, sharedKeys));
    }

    private static String newUser(String adminUrl, String namespace, String... sharedKeys) {
        String user = "agent-" + namespace;
        String password = UUID.randomUUID().toString();
        List<String> rules = rules(namespace, password);
        for (String pattern : sharedKeys) {
            rules.add("~" + pattern);
        }
        URI admin = URI.create(adminUrl);
        try (Jedis jedis = new Jedis(admin)) {
            List<String> arguments = new ArrayList<>(List.of("SETUSER", user));
            arguments.addAll(rules);
            jedis.sendCommand(Protocol.Command.ACL, arguments.toArray(new String[0]));
        }
        String url = admin.getScheme() + "://" + user + ":" + password + "@" + admin.getHost() + ":" + admin.getPort() + "/0";
        assertRestricted(url, namespace);
        return url;
    }

    /**
     * The README's rules after {@code ACL SETUSER cacheagent}, for {@code namespace} and
     * {@code password}: every {@code ~app|…} and {@code &app|…} becomes {@code ~namespace|…}.
     */
    public static List<String> rules(String namespace, String password) {
        List<String> rules = new ArrayList<>();
        for (String rule : readmeLine().substring(README_PREFIX.length()).trim().split("\\s+")) {
            if (rule.startsWith(">")) {
                rules.add(">" + password);
            } else if (rule.startsWith("~app|") || rule.startsWith("&app|")) {
                rules.add(rule.charAt(0) + namespace + rule.substring(4));
            } else {
                rules.add(rule);
            }
        }
        return rules;
    }

    /** Makes (or replaces) {@code user} with {@code rules} on the node {@code admin} is connected to, and clears its ACL log. */
    public static void setUser(Jedis admin, String user, List<String> rules) {
        List<String> arguments = new ArrayList<>(List.of("SETUSER", user));
        arguments.addAll(rules);
        admin.sendCommand(Protocol.Command.ACL, arguments.toArray(new String[0]));
        admin.sendCommand(Protocol.Command.ACL, "LOG", "RESET");
    }

    /**
     * The rules the README adds for a Redis Cluster: the words of the inline code that follows
     * {@value #README_CLUSTER_PREFIX} in its least-privilege section.
     */
    public static List<String> readmeClusterRules() {
        Path readme = Paths.get(System.getProperty("it.readme", "../README.md"));
        try {
            String text = Files.readString(readme).replaceAll("\\s+", " ");
            int at = text.indexOf(README_CLUSTER_PREFIX);
            if (at < 0) {
                throw new AssertionError("expected '" + README_CLUSTER_PREFIX + "' in " + readme.toAbsolutePath());
            }
            int start = text.indexOf('`', at) + 1;
            return List.of(text.substring(start, text.indexOf('`', start)).trim().split(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one line of the README that starts with {@code ACL SETUSER cacheagent}. */
    public static String readmeLine() {
        Path readme = Paths.get(System.getProperty("it.readme", "../README.md"));
        try {
            List<String> lines = Files.readAllLines(readme).stream().map(String::trim)
                    .filter(line -> line.startsWith(README_PREFIX)).toList();
            if (lines.size() != 1) {
                throw new AssertionError("expected one line starting with '" + README_PREFIX + "' in " + readme.toAbsolutePath()
                        + ", found " + lines);
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the user of {@code url} is refused a key outside its namespace and a command outside its list. */
    public static void assertRestricted(String url, String namespace) {
        try (Jedis jedis = new Jedis(URI.create(url))) {
            expectNoPermission(() -> jedis.get("outside-" + namespace + "|key"), "a key outside the namespace");
            expectNoPermission(() -> jedis.configGet("maxmemory"), "CONFIG GET");
            expectNoPermission(() -> jedis.flushAll(), "FLUSHALL");
        }
    }

    private static void expectNoPermission(Runnable command, String what) {
        try {
            command.run();
        } catch (JedisDataException e) {
            if (e.getMessage().startsWith("NOPERM")) {
                return;
            }
            throw new AssertionError(what + ": expected NOPERM, got " + e.getMessage(), e);
        }
        throw new AssertionError("the agent's ACL user was allowed " + what);
    }

    /** {@link #assertNoRefusals} in ACL mode; nothing otherwise. */
    public static void assertNoRefusalsWhenEnabled(String adminUrl) {
        if (enabled()) {
            assertNoRefusals(adminUrl);
        }
    }

    /**
     * Fails with the server's ACL log when any command or key of the agents' users was refused,
     * then resets the log. The entries of {@link #assertRestricted}'s own probes are skipped.
     */
    public static void assertNoRefusals(String adminUrl) {
        try (Jedis jedis = new Jedis(URI.create(adminUrl))) {
            Object log = jedis.sendCommand(Protocol.Command.ACL, "LOG", "128");
            List<String> refusals = new ArrayList<>();
            for (Object entry : (List<?>) log) {
                String text = describe(entry);
                if (!text.contains("object=outside-") && !text.contains("object=config|get") && !text.contains("object=flushall")) {
                    refusals.add(text);
                }
            }
            jedis.sendCommand(Protocol.Command.ACL, "LOG", "RESET");
            if (!refusals.isEmpty()) {
                throw new AssertionError("Redis refused the agent's ACL user (is the README's ACL line missing a command,"
                        + " key or channel?): " + refusals);
            }
        }
    }

    /** An ACL LOG entry (a flat field/value list) as {@code field=value, …}. */
    private static String describe(Object entry) {
        List<?> fields = (List<?>) entry;
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            text.append(i == 0 ? "" : ", ").append(string(fields.get(i))).append('=').append(string(fields.get(i + 1)));
        }
        return text.append('}').toString();
    }

    private static String string(Object value) {
        return value instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(value);
    }
}
