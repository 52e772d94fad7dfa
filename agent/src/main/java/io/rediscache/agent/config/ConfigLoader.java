package io.rediscache.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the configuration sources, later wins: built-in defaults &lt; the properties file
 * ({@code config=} agent argument) &lt; environment ({@code REDISCACHE_REDIS_URL}) &lt; system
 * properties ({@code -Drediscache.redis.url}) &lt; the other agent arguments.
 *
 * <p>Nothing here logs: the log level itself is a setting, so problems are collected as
 * sentences and logged by the caller once logging is set up.
 */
public final class ConfigLoader {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final MethodEntryParser methodEntries = new MethodEntryParser();

    private ConfigLoader() {
        for (Setting setting : Setting.values()) {
            if (setting.defaultValue != null) {
                values.put(setting, setting.defaultValue);
                sources.put(setting, "the default");
            }
        }
    }

    /**
     * @param agentArguments the text after {@code =} in {@code -javaagent:jar=…}, may be null
     */
    public static Result load(String agentArguments, Map<String, String> environment, Properties systemProperties) {
        ConfigLoader loader = new ConfigLoader();
        Map<String, String> arguments = loader.parseArguments(agentArguments == null ? "" : agentArguments);
        String file = arguments.remove("config");
        if (file != null) {
            loader.readFile(Paths.get(file));
        }
        loader.readEnvironment(environment);
        loader.readSystemProperties(systemProperties);
        for (Map.Entry<String, String> argument : arguments.entrySet()) {
            loader.put(argument.getKey(), argument.getValue(), "the agent arguments");
        }
        return loader.check();
    }

    private Map<String, String> parseArguments(String text) {
        Map<String, String> arguments = new java.util.LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.trim().isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                errors.add("Agent argument '" + part.trim() + "' is not of the form key=value"
                        + " (expected -javaagent:redis-cache-agent.jar=config=agent.properties[,key=value…]).");
                continue;
            }
            arguments.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
        }
        return arguments;
    }

    private void readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            errors.add("config=" + path + ": the properties file does not exist (working directory "
                    + Paths.get("").toAbsolutePath() + ").");
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            errors.add("config=" + path + ": the properties file cannot be read: " + e.getMessage());
            return;
        }
        List<String> keys = new ArrayList<>(properties.stringPropertyNames());
        Collections.sort(keys);
        for (String key : keys) {
            put(key, properties.getProperty(key), path.getFileName().toString());
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("REDISCACHE_")) {
                continue;
            }
            Setting match = null;
            for (Setting setting : Setting.values()) {
                if (setting.environmentVariable().equals(name)) {
                    match = setting;
                }
            }
            if (match == null) {
                warnings.add("Unknown environment variable " + name + " ignored; known ones are the keys in upper case"
                        + " with '_' for '.', prefixed with REDISCACHE_ (as REDISCACHE_REDIS_URL).");
            } else {
                put(match.key, variable.getValue(), "environment variable " + name);
            }
        }
    }

    private void readSystemProperties(Properties systemProperties) {
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith("rediscache.")) {
                put(name.substring("rediscache.".length()), systemProperties.getProperty(name), "system property " + name);
            }
        }
    }

    private void put(String key, String value, String source) {
        Setting setting = Setting.forKey(key);
        if (setting != null) {
            values.put(setting, value);
            sources.put(setting, source);
            return;
        }
        if (methodEntries.offer(key, value, source)) {
            return;
        }
        StringBuilder known = new StringBuilder();
        for (Setting each : Setting.values()) {
            known.append(known.length() == 0 ? "" : ", ").append(each.key);
        }
        warnings.add("Unknown key '" + key + "' in " + source + " ignored. Known keys: " + known + ".");
    }

    private Result check() {
        List<MethodEntry> entries = methodEntries.parse(warnings, errors);
        for (Map.Entry<Setting, String> entry : values.entrySet()) {
            String problem = problemWith(entry.getKey(), entry.getValue());
            if (problem != null) {
                Setting setting = entry.getKey();
                String shown = setting == Setting.REDIS_URL ? RedisUrl.redact(entry.getValue())
                        : hidden(setting) ? "(hidden)" : entry.getValue();
                errors.add(setting.key + "=" + shown + " (from " + sources.get(setting) + ") is invalid: " + problem
                        + "; expected " + setting.kind.expected + ".");
            }
        }
        RedisTopology topology = errors.isEmpty() ? checkTopology() : null;
        TlsTrust tlsTrust = errors.isEmpty() ? checkTls(topology) : null;
        TlsIdentity tlsIdentity = errors.isEmpty() ? checkTlsIdentity(topology) : null;
        if (errors.isEmpty()) {
            checkHostNameCheck(topology);
        }
        if (errors.isEmpty() && topology == null && Integer.parseInt(values.get(Setting.LOCK_REPLICAS).trim()) > 0) {
            warnings.add(Setting.LOCK_REPLICAS.key + "=" + values.get(Setting.LOCK_REPLICAS).trim() + " (from "
                    + sources.get(Setting.LOCK_REPLICAS) + ") has no effect without Redis: locks are local to this JVM."
                    + " Set redis.url, redis.cluster.nodes or redis.sentinel.nodes, or remove it.");
        }
        AgentConfig config = errors.isEmpty() ? new AgentConfig(values, entries, topology, tlsTrust, tlsIdentity) : null;
        String strict = values.get(Setting.AGENT_STRICT);
        String level = values.get(Setting.AGENT_LOG_LEVEL);
        return new Result(config, warnings, errors,
                "true".equalsIgnoreCase(strict == null ? "" : strict.trim()),
                problemWith(Setting.AGENT_LOG_LEVEL, level) == null ? level.trim().toLowerCase(Locale.ROOT) : "info");
    }

    private static boolean hidden(Setting setting) {
        return setting.kind == Setting.Kind.SECRET || setting.kind == Setting.Kind.PASSWORD;
    }

    /**
     * Which Redis to use: at most one of {@code redis.url}, {@code redis.cluster.nodes} and
     * {@code redis.sentinel.nodes}; Sentinel needs its master's name; the credentials of data
     * nodes and sentinels only where they can be used. @return {@code null} for the in-process store
     */
    private RedisTopology checkTopology() {
        String url = trimmed(Setting.REDIS_URL);
        String cluster = trimmed(Setting.REDIS_CLUSTER_NODES);
        String sentinels = trimmed(Setting.REDIS_SENTINEL_NODES);
        String master = trimmed(Setting.REDIS_SENTINEL_MASTER);
        List<String> given = new ArrayList<>();
        for (Setting setting : new Setting[] {Setting.REDIS_URL, Setting.REDIS_CLUSTER_NODES, Setting.REDIS_SENTINEL_NODES}) {
            if (trimmed(setting) != null) {
                given.add(setting == Setting.REDIS_URL ? setting.key + "=" + RedisUrl.redact(url) + " (from "
                        + sources.get(setting) + ")" : setting.key + "=" + trimmed(setting) + " (from " + sources.get(setting) + ")");
            }
        }
        if (given.size() > 1) {
            errors.add(String.join(" and ", given) + " are both set; expected exactly one of redis.url (one server),"
                    + " redis.cluster.nodes (Redis Cluster) or redis.sentinel.nodes (Sentinel).");
            return null;
        }
        if ((sentinels == null) != (master == null)) {
            errors.add(sentinels == null
                    ? Setting.REDIS_SENTINEL_MASTER.key + "=" + master + " (from " + sources.get(Setting.REDIS_SENTINEL_MASTER)
                            + ") is set without " + Setting.REDIS_SENTINEL_NODES.key + "; expected both: the sentinels'"
                            + " host:port pairs and the name they monitor the primary by."
                    : Setting.REDIS_SENTINEL_NODES.key + "=" + sentinels + " (from " + sources.get(Setting.REDIS_SENTINEL_NODES)
                            + ") is set without " + Setting.REDIS_SENTINEL_MASTER.key + "; expected the name the sentinels"
                            + " monitor the primary by (sentinel monitor <name> … in sentinel.conf).");
            return null;
        }
        String user = trimmed(Setting.REDIS_USER);
        String password = values.get(Setting.REDIS_PASSWORD);
        password = password == null || password.isEmpty() ? null : password;
        if ((user != null || password != null) && (cluster == null && sentinels == null)) {
            errors.add(credentialsShown(Setting.REDIS_USER, user, Setting.REDIS_PASSWORD, password) + " set without "
                    + Setting.REDIS_CLUSTER_NODES.key + " or " + Setting.REDIS_SENTINEL_NODES.key + "; expected them only"
                    + " for a cluster or Sentinel (one server takes its credentials in redis.url:"
                    + " redis://user:password@host:port).");
            return null;
        }
        String sentinelUser = trimmed(Setting.REDIS_SENTINEL_USER);
        String sentinelPassword = values.get(Setting.REDIS_SENTINEL_PASSWORD);
        sentinelPassword = sentinelPassword == null || sentinelPassword.isEmpty() ? null : sentinelPassword;
        if ((sentinelUser != null || sentinelPassword != null) && sentinels == null) {
            errors.add(credentialsShown(Setting.REDIS_SENTINEL_USER, sentinelUser, Setting.REDIS_SENTINEL_PASSWORD,
                    sentinelPassword) + " set without " + Setting.REDIS_SENTINEL_NODES.key + "; expected them only with"
                    + " sentinels to log in to.");
            return null;
        }
        boolean tls = "true".equalsIgnoreCase(values.get(Setting.REDIS_TLS).trim());
        if (url != null) {
            if (tls && !url.startsWith("rediss://")) {
                errors.add(Setting.REDIS_TLS.key + "=true (from " + sources.get(Setting.REDIS_TLS) + ") contradicts redis.url="
                        + RedisUrl.redact(url) + "; one server chooses TLS by its URL: redis.url=rediss://host:port"
                        + " (" + Setting.REDIS_TLS.key + " is for redis.cluster.nodes and redis.sentinel.nodes).");
                return null;
            }
            return RedisTopology.single(RedisUrl.parse(url));
        }
        if (cluster != null) {
            return RedisTopology.cluster(RedisTopology.parseNodes(cluster), user, password, tls);
        }
        if (sentinels != null) {
            return RedisTopology.sentinel(RedisTopology.parseNodes(sentinels), master, user, password, sentinelUser,
                    sentinelPassword, tls);
        }
        if (tls) {
            warnings.add(Setting.REDIS_TLS.key + "=true (from " + sources.get(Setting.REDIS_TLS) + ") has no effect without"
                    + " Redis: nothing leaves this JVM. Set redis.cluster.nodes or redis.sentinel.nodes (or"
                    + " redis.url=rediss://…), or remove it.");
        }
        return null;
    }

    /** "redis.user=x and redis.password=(hidden) are", or the one of them that is set, "… is". */
    private String credentialsShown(Setting userSetting, String user, Setting passwordSetting, String password) {
        List<String> shown = new ArrayList<>();
        if (user != null) {
            shown.add(userSetting.key + "=" + user + " (from " + sources.get(userSetting) + ")");
        }
        if (password != null) {
            shown.add(passwordSetting.key + "=(hidden) (from " + sources.get(passwordSetting) + ")");
        }
        return String.join(" and ", shown) + (shown.size() > 1 ? " are" : " is");
    }

    /**
     * The trust material of TLS connections, read now so that a wrong file is a configuration
     * error: {@code redis.tls.ca} or {@code redis.tls.truststore} (not both), only where TLS is
     * used ({@code rediss://}, or {@code redis.tls=true} with a cluster or Sentinel).
     * @return {@code null} for the JVM's default trust store
     */
    private TlsTrust checkTls(RedisTopology topology) {
        String ca = trimmed(Setting.REDIS_TLS_CA);
        String store = trimmed(Setting.REDIS_TLS_TRUSTSTORE);
        String password = values.get(Setting.REDIS_TLS_TRUSTSTORE_PASSWORD);
        if (passwordWithoutStore(Setting.REDIS_TLS_TRUSTSTORE_PASSWORD, Setting.REDIS_TLS_TRUSTSTORE, store, "trust store")) {
            return null;
        }
        if (ca == null && store == null) {
            return null;
        }
        Setting given = ca != null ? Setting.REDIS_TLS_CA : Setting.REDIS_TLS_TRUSTSTORE;
        String file = ca != null ? ca : store;
        if (ca != null && store != null) {
            errors.add(Setting.REDIS_TLS_CA.key + "=" + ca + " and " + Setting.REDIS_TLS_TRUSTSTORE.key + "=" + store
                    + " are both set; expected one of them: the CA certificates (PEM) or a trust store.");
            return null;
        }
        if (topology == null || !topology.tls()) {
            errors.add(unusedWithoutTls(given, file, topology));
            return null;
        }
        try {
            return ca != null ? TlsTrust.fromPem(Paths.get(ca)) : TlsTrust.fromTrustStore(Paths.get(store), password);
        } catch (IllegalArgumentException e) {
            errors.add(given.key + "=" + file + " (from " + sources.get(given) + ") is invalid: " + e.getMessage()
                    + "; expected " + (ca != null ? "a PEM file of the CA certificates that signed the Redis server's certificate"
                    : "a PKCS12 or JKS trust store that " + Setting.REDIS_TLS_TRUSTSTORE_PASSWORD.key + " opens") + ".");
            return null;
        }
    }

    /**
     * The client certificate of TLS connections, read now so that a wrong file, password or key
     * is a configuration error: {@code redis.tls.keystore} with {@code redis.tls.keystore.password},
     * or the PEM files {@code redis.tls.cert} and {@code redis.tls.key} (not both ways), only
     * where TLS is used. @return {@code null} for none
     */
    private TlsIdentity checkTlsIdentity(RedisTopology topology) {
        String store = trimmed(Setting.REDIS_TLS_KEYSTORE);
        String certificate = trimmed(Setting.REDIS_TLS_CERT);
        String key = trimmed(Setting.REDIS_TLS_KEY);
        String password = values.get(Setting.REDIS_TLS_KEYSTORE_PASSWORD);
        if (passwordWithoutStore(Setting.REDIS_TLS_KEYSTORE_PASSWORD, Setting.REDIS_TLS_KEYSTORE, store, "key store")) {
            return null;
        }
        if (store != null && (certificate != null || key != null)) {
            Setting pem = certificate != null ? Setting.REDIS_TLS_CERT : Setting.REDIS_TLS_KEY;
            errors.add(Setting.REDIS_TLS_KEYSTORE.key + "=" + store + " and " + pem.key + "=" + trimmed(pem) + " are both set;"
                    + " expected one client certificate: a key store, or the PEM files " + Setting.REDIS_TLS_CERT.key + " and "
                    + Setting.REDIS_TLS_KEY.key + ".");
            return null;
        }
        if ((certificate == null) != (key == null)) {
            Setting given = certificate != null ? Setting.REDIS_TLS_CERT : Setting.REDIS_TLS_KEY;
            Setting missing = certificate != null ? Setting.REDIS_TLS_KEY : Setting.REDIS_TLS_CERT;
            errors.add(given.key + "=" + trimmed(given) + " (from " + sources.get(given) + ") is set without " + missing.key
                    + "; expected both: the client's certificate and its private key (PEM, as Redis's tls-cert-file and"
                    + " tls-key-file).");
            return null;
        }
        if (store == null && certificate == null) {
            return null;
        }
        Setting given = store != null ? Setting.REDIS_TLS_KEYSTORE : Setting.REDIS_TLS_CERT;
        if (topology == null || !topology.tls()) {
            errors.add(unusedWithoutTls(given, trimmed(given), topology));
            return null;
        }
        if (store != null) {
            try {
                return TlsIdentity.fromKeyStore(Paths.get(store), password);
            } catch (IllegalArgumentException e) {
                errors.add(invalid(Setting.REDIS_TLS_KEYSTORE, e, "a PKCS12 or JKS key store of the client's private key and"
                        + " certificate that " + Setting.REDIS_TLS_KEYSTORE_PASSWORD.key + " opens"));
                return null;
            }
        }
        List<X509Certificate> chain;
        try {
            chain = TlsIdentity.readChain(Paths.get(certificate));
        } catch (IllegalArgumentException e) {
            errors.add(invalid(Setting.REDIS_TLS_CERT, e, "a PEM file of the client's certificate, then the CA certificates above it"));
            return null;
        }
        try {
            return TlsIdentity.fromPem(chain, Paths.get(certificate), Paths.get(key));
        } catch (IllegalArgumentException e) {
            errors.add(invalid(Setting.REDIS_TLS_KEY, e, "the unencrypted PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)"
                    + " of " + Setting.REDIS_TLS_CERT.key + "'s certificate"));
            return null;
        }
    }

    /** Whether {@code passwordSetting} is set without {@code storeSetting} ({@code store}), an error said here. */
    private boolean passwordWithoutStore(Setting passwordSetting, Setting storeSetting, String store, String what) {
        String password = values.get(passwordSetting);
        if (password == null || password.isEmpty() || store != null) {
            return false;
        }
        errors.add(passwordSetting.key + "=(hidden) (from " + sources.get(passwordSetting) + ") is set without "
                + storeSetting.key + "; set the " + what + " it opens, or remove it.");
        return true;
    }

    private String invalid(Setting setting, IllegalArgumentException problem, String expected) {
        return setting.key + "=" + trimmed(setting) + " (from " + sources.get(setting) + ") is invalid: " + problem.getMessage()
                + "; expected " + expected + ".";
    }

    /**
     * {@code redis.tls.hostname.check=false} only where TLS is used, and then said as a warning:
     * it lets any certificate of a trusted CA stand for any server.
     */
    private void checkHostNameCheck(RedisTopology topology) {
        Setting setting = Setting.REDIS_TLS_HOSTNAME_CHECK;
        if (!"false".equalsIgnoreCase(values.get(setting).trim())) {
            return;
        }
        if (topology == null || !topology.tls()) {
            errors.add(unusedWithoutTls(setting, "false", topology));
            return;
        }
        warnings.add(setting.key + "=false (from " + sources.get(setting) + "): Redis servers' certificates are checked"
                + " against the trusted CAs only, not against the host they are reached at, so any certificate those CAs"
                + " signed, for any host, is accepted. Prefer certificates that name the hosts (DNS or IP subject"
                + " alternative names).");
    }

    /** The error for a TLS setting set where no connection uses TLS. */
    private String unusedWithoutTls(Setting given, String file, RedisTopology topology) {
        return given.key + "=" + file + " (from " + sources.get(given) + ") is set, but no connection uses TLS ("
                + (topology == null ? "no Redis is configured"
                : topology.kind() == RedisTopology.Kind.SINGLE ? "redis.url=" + RedisUrl.redact(trimmed(Setting.REDIS_URL))
                + " is not a rediss:// URL" : Setting.REDIS_TLS.key + " is false") + "), so it would not be used; expected"
                + " redis.url=rediss://host:port for one server, or " + Setting.REDIS_TLS.key + "=true with"
                + " redis.cluster.nodes or redis.sentinel.nodes.";
    }

    private String trimmed(Setting setting) {
        String value = values.get(setting);
        return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    /** The least {@code redis.pool.size}: two connections for the subscriptions, two for calls. */
    static final int MIN_POOL_SIZE = 4;
    private static final List<String> LOG_LEVELS = Arrays.asList("error", "warn", "info", "debug");

    /**
     * Whether {@code value} holds a space, tab, line break, vertical tab or form feed (regex
     * {@code \s}). Checked by hand: the values of every setting are checked in premain, and
     * compiling and running regular expressions there cost milliseconds.
     */
    private static boolean containsWhiteSpace(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String problemWith(Setting setting, String raw) {
        String value = raw == null ? "" : raw.trim();
        switch (setting.kind) {
            case REDIS_URL:
                if (value.isEmpty()) {
                    return null;
                }
                try {
                    RedisUrl.parse(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            case NODES:
                if (value.isEmpty()) {
                    return null;
                }
                try {
                    RedisTopology.parseNodes(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            case USER:
                return !containsWhiteSpace(value) ? null : "contains white space";
            case FILE:
                return value.isEmpty() || java.nio.file.Files.isRegularFile(Paths.get(value)) ? null : "no such file";
            case PASSWORD:
                return null;
            case SECRET:
                return value.isEmpty() || value.length() >= 16 ? null : "shorter than 16 characters";
            case PACKAGES:
                return value.isEmpty() || value.matches("(\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*\\s*(,|$))*") ? null
                        : "not a list of package names";
            case STATIC_METHOD:
                return value.isEmpty() || value.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*#[\\p{L}_$][\\p{L}\\p{N}_$]*") ? null
                        : "not of the form com.acme.Class#method";
            case DURATION:
                return Durations.parseMillis(value) > 0 ? null : "not a positive duration";
            case WAIT:
                return Durations.parseMillis(value) >= 0 ? null : "not a duration";
            case COUNT:
                try {
                    int count = Integer.parseInt(value);
                    if (setting == Setting.REDIS_POOL_SIZE && count < MIN_POOL_SIZE) {
                        // the subscriptions to cache clears and lock releases each hold one for good
                        return "smaller than " + MIN_POOL_SIZE + ": two pooled connections are held by the agent's"
                                + " subscriptions (cache clears, lock releases), and calls need the rest";
                    }
                    return count > 0 ? null : "not positive";
                } catch (NumberFormatException e) {
                    return "not a whole number";
                }
            case REPLICAS:
                try {
                    return Integer.parseInt(value) >= 0 ? null : "negative";
                } catch (NumberFormatException e) {
                    return "not a whole number";
                }
            case NAME:
                return !value.isEmpty() && value.indexOf('|') < 0 && !containsWhiteSpace(value) ? null : "not a valid name";
            case BOOLEAN:
                return "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value) ? null : "not a boolean";
            case DECIMAL:
                try {
                    double number = Double.parseDouble(value);
                    return number > 0 && !Double.isInfinite(number) ? null : "not a positive number";
                } catch (NumberFormatException e) {
                    return "not a number";
                }
            case LOG_LEVEL:
                return LOG_LEVELS.contains(value.toLowerCase(Locale.ROOT)) ? null : "not a log level";
            default:
                throw new AssertionError(setting.kind);
        }
    }

    /** The outcome: a config, or the errors that stop the agent; warnings either way. */
    public static final class Result {
        private final AgentConfig config;
        private final List<String> warnings;
        private final List<String> errors;
        private final boolean strict;
        private final String logLevel;

        Result(AgentConfig config, List<String> warnings, List<String> errors, boolean strict, String logLevel) {
            this.config = config;
            this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
            this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
            this.strict = strict;
            this.logLevel = logLevel;
        }

        /** @return the checked configuration, or {@code null} when there are errors */
        public AgentConfig config() {
            return config;
        }

        public List<String> warnings() {
            return warnings;
        }

        public List<String> errors() {
            return errors;
        }

        /** {@code agent.strict=true}: configuration errors must stop the JVM. */
        public boolean strict() {
            return strict;
        }

        /** The log level to use, even when other settings have errors. */
        public String logLevel() {
            return logLevel;
        }
    }
}
