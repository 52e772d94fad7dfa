package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script that is sent by its SHA1 ({@code EVALSHA}): each call carries 40 hex digits
 * instead of the script's text, and Redis does not parse it again.
 *
 * <p>The SHA1 is computed here, once, the way Redis computes it (over the script's UTF-8 bytes).
 * When Redis does not know the script, it answers {@code NOSCRIPT} without running it: the first
 * call after a start, a restart, a failover or {@code SCRIPT FLUSH}. The same call is then sent
 * once more with {@code EVAL}, which runs the script and also caches it on the server, so the
 * following calls find it by its SHA1 again. Running it twice is impossible: a {@code NOSCRIPT}
 * reply means nothing ran.
 */
public final class LuaScript {

    private final String text;
    private final byte[] textBytes;
    /** Computed at first use, not at start: the first SHA-1 of a JVM loads its security providers (about 20 ms). */
    private volatile Sha1 sha1;

    public LuaScript(String text) {
        this.text = text;
        this.textBytes = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the script; the same reply as {@code EVAL} would give, and the same exceptions. */
    public Object eval(UnifiedJedis client, List<String> keys, List<String> arguments) {
        return Calls.eval(this, client, keys, arguments);
    }

    /**
     * As {@link #eval(UnifiedJedis, List, List)}, on one given connection (for a command that
     * must follow on the same connection, such as {@code WAIT}). The same reply as the client
     * gives: a bulk string as a {@code String}, an integer as a {@code Long}, nil as {@code null}.
     */
    public Object eval(Connection connection, List<String> keys, List<String> arguments) {
        return Calls.eval(this, connection, keys, arguments);
    }

    /** As {@link #eval(UnifiedJedis, List, List)}, with binary keys and arguments (cached values). */
    public Object evalBinary(UnifiedJedis client, List<byte[]> keys, List<byte[]> arguments) {
        return Calls.evalBinary(this, client, keys, arguments);
    }

    /** The SHA1 Redis knows this script by, in lower-case hex as {@code SCRIPT LOAD} returns it. */
    String sha1() {
        return digest().hex;
    }

    private Sha1 digest() {
        Sha1 known = sha1;
        if (known == null) {
            known = new Sha1(sha1Hex(text)); // two threads racing here compute the same digest
            sha1 = known;
        }
        return known;
    }

    private static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }

    /**
     * The calls, {@code EVALSHA} and then {@code EVAL} on {@code NOSCRIPT}. A class of their own,
     * loaded at the first call: catching Jedis's exception makes the JVM load Jedis classes with
     * the class that holds the catch, and this one is loaded while the agent starts (the scripts
     * are constants of the stores), on the thread that starts the JVM.
     */
    private static final class Calls {

        static Object eval(LuaScript script, UnifiedJedis client, List<String> keys, List<String> arguments) {
            try {
                return client.evalsha(script.digest().hex, keys, arguments);
            } catch (JedisNoScriptException notCached) {
                return client.eval(script.text, keys, arguments);
            }
        }

        static Object eval(LuaScript script, Connection connection, List<String> keys, List<String> arguments) {
            try {
                return connection.executeCommand(command(Protocol.Command.EVALSHA, script.digest().hex, keys, arguments));
            } catch (JedisNoScriptException notCached) {
                return connection.executeCommand(command(Protocol.Command.EVAL, script.text, keys, arguments));
            }
        }

        private static CommandObject<Object> command(Protocol.Command command, String scriptOrSha, List<String> keys,
                                                     List<String> arguments) {
            return new CommandObject<>(new CommandArguments(command).add(scriptOrSha).add(keys.size()).keys(keys)
                    .addObjects(arguments), BuilderFactory.AGGRESSIVE_ENCODED_OBJECT);
        }

        static Object evalBinary(LuaScript script, UnifiedJedis client, List<byte[]> keys, List<byte[]> arguments) {
            try {
                return client.evalsha(script.digest().bytes, keys, arguments);
            } catch (JedisNoScriptException notCached) {
                return client.eval(script.textBytes, keys, arguments);
            }
        }
    }

    /** The digest in both forms the calls send. */
    private static final class Sha1 {
        final String hex;
        final byte[] bytes;

        Sha1(String hex) {
            this.hex = hex;
            this.bytes = hex.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
