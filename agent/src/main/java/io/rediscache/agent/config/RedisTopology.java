package io.rediscache.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which Redis deployment the agent talks to: one server ({@code redis.url}), a Redis Cluster
 * ({@code redis.cluster.nodes}) or a primary watched by Sentinel ({@code redis.sentinel.nodes}
 * and {@code redis.sentinel.master}). Exactly one is configured; {@link ConfigLoader} checks it.
 *
 * <p>For a cluster and for Sentinel the data nodes' credentials are {@code redis.user} and
 * {@code redis.password}, and the sentinels' own are {@code redis.sentinel.user} and
 * {@code redis.sentinel.password} (one server carries its credentials in its URL).
 * {@link #toString()} never shows a password.
 */
public final class RedisTopology {

    /** The three deployments. */
    public enum Kind { SINGLE, CLUSTER, SENTINEL }

    private final Kind kind;
    private final RedisUrl url;
    private final List<Node> nodes;
    private final String masterName;
    private final String user;
    private final String password;
    private final String sentinelUser;
    private final String sentinelPassword;
    private final boolean tls;

    private RedisTopology(Kind kind, RedisUrl url, List<Node> nodes, String masterName, String user, String password,
                          String sentinelUser, String sentinelPassword, boolean tls) {
        this.kind = kind;
        this.url = url;
        this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
        this.masterName = masterName;
        this.user = user;
        this.password = password;
        this.sentinelUser = sentinelUser;
        this.sentinelPassword = sentinelPassword;
        this.tls = tls;
    }

    static RedisTopology single(RedisUrl url) {
        return new RedisTopology(Kind.SINGLE, url, Collections.<Node>emptyList(), null, url.user(), url.password(),
                null, null, url.tls());
    }

    /** @param tls {@code redis.tls}: TLS to every node */
    static RedisTopology cluster(List<Node> nodes, String user, String password, boolean tls) {
        return new RedisTopology(Kind.CLUSTER, null, nodes, null, user, password, null, null, tls);
    }

    /** @param tls {@code redis.tls}: TLS to the sentinels and to the data nodes they name */
    static RedisTopology sentinel(List<Node> sentinels, String masterName, String user, String password,
                                  String sentinelUser, String sentinelPassword, boolean tls) {
        return new RedisTopology(Kind.SENTINEL, null, sentinels, masterName, user, password, sentinelUser,
                sentinelPassword, tls);
    }

    /**
     * Parses {@code host:port,host:port,…} ({@code [::1]:7000} for IPv6); {@code ;} separates too,
     * for the agent arguments, where a comma ends the setting.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    static List<Node> parseNodes(String text) {
        List<Node> nodes = new ArrayList<>();
        for (String part : text.split("[,;]")) {
            String node = part.trim();
            if (node.isEmpty()) {
                continue;
            }
            int colon = node.lastIndexOf(':');
            if (colon <= 0 || colon == node.length() - 1) {
                throw new IllegalArgumentException("'" + node + "' is not host:port");
            }
            String host = node.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(node.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + node + "' has no port number");
            }
            if (port < 1 || port > 65535 || host.isEmpty() || host.matches(".*\\s.*")) {
                throw new IllegalArgumentException("'" + node + "' is not host:port");
            }
            nodes.add(new Node(host, port));
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no host:port given");
        }
        return nodes;
    }

    public Kind kind() {
        return kind;
    }

    /** @return the one server's URL ({@link Kind#SINGLE}), else {@code null} */
    public RedisUrl url() {
        return url;
    }

    /** The cluster's seed nodes, or the sentinels; empty for one server. */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return the name the sentinels monitor the primary by ({@link Kind#SENTINEL}), else {@code null} */
    public String masterName() {
        return masterName;
    }

    /** @return the data nodes' ACL user, or {@code null} for the default user */
    public String user() {
        return user;
    }

    /** @return the data nodes' password, or {@code null}; never log it */
    public String password() {
        return password;
    }

    /** @return the sentinels' ACL user, or {@code null} */
    public String sentinelUser() {
        return sentinelUser;
    }

    /** @return the sentinels' password, or {@code null}; never log it */
    public String sentinelPassword() {
        return sentinelPassword;
    }

    /**
     * Whether every connection speaks TLS: for one server its URL's scheme ({@code rediss://}),
     * for a cluster or Sentinel {@code redis.tls}.
     */
    public boolean tls() {
        return tls;
    }

    /** For logs: never with a password. */
    @Override
    public String toString() {
        switch (kind) {
            case CLUSTER:
                return "cluster " + (password != null ? "****@" : "") + joined(nodes) + (tls ? " (TLS)" : "");
            case SENTINEL:
                return "sentinel master '" + masterName + "' " + (password != null ? "****@" : "") + "via "
                        + joined(nodes) + (tls ? " (TLS)" : "");
            default:
                return url.toString();
        }
    }

    private static String joined(List<Node> nodes) {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(node);
        }
        return text.toString();
    }

    /** A host and port of {@code redis.cluster.nodes} or {@code redis.sentinel.nodes}. */
    public static final class Node {
        private final String host;
        private final int port;

        Node(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
