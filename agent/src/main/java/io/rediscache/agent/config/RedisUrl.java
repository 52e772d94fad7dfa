package io.rediscache.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code redis.url}. {@link #toString()} never shows the password, so the URL can be
 * logged as it is.
 */
public final class RedisUrl {

    /** Compiled in {@link #redact}, for error messages only, rather than with this class, which premain loads. */
    private static final String SCHEME = "[A-Za-z][A-Za-z0-9+.-]*://";

    private final String host;
    private final int port;
    private final int database;
    private final String user;
    private final String password;
    private final boolean tls;

    private RedisUrl(String host, int port, int database, String user, String password, boolean tls) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.tls = tls;
    }

    /** @throws IllegalArgumentException with a message that names what is wrong (never the password) */
    static RedisUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("the scheme must be redis or rediss");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            String digits = path.substring(1);
            if (digits.isEmpty() || digits.length() > 5 || !allDigits(digits)) {
                throw new IllegalArgumentException("the path must be a database number, as in /0");
            }
            database = Integer.parseInt(digits);
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo); // redis://secret@host: a password without a user, as redis-cli reads it
            } else {
                user = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        return new RedisUrl(uri.getHost(), port, database, user, password, "rediss".equals(scheme));
    }

    /**
     * A loop, not {@code chars().allMatch(Character::isDigit)}: this runs in premain, where the
     * stream and the method reference cost milliseconds to set up.
     */
    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Hides the user information of a URL that may not even parse, for error messages:
     * everything up to the last {@code @}, after the scheme when there is one. A URL typed
     * without {@code //} ({@code user:secret@host}, {@code redis:user:secret@host}) is hidden too.
     */
    static String redact(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        Matcher scheme = Pattern.compile(SCHEME).matcher(text);
        int start = scheme.lookingAt() && scheme.end() <= at ? scheme.end() : 0;
        return text.substring(0, start) + "****" + text.substring(at);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    /** @return the ACL user, or {@code null} for the default user */
    public String user() {
        return user;
    }

    /** @return the password, or {@code null}; never log it */
    public String password() {
        return password;
    }

    public boolean tls() {
        return tls;
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (password != null ? "****@" : "") + host + ":" + port + "/" + database;
    }
}
