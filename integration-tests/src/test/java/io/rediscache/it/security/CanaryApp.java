package io.rediscache.it.security;

import java.net.URI;

import io.rediscache.Cache;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * Passes personal data ({@value #PII}) as method arguments and Cache keys and values, including
 * where the agent fails a call (a lock held elsewhere, Redis refusing the password), and prints
 * only what the agent said: exception messages, as {@code RESULT} lines.
 */
public final class CanaryApp {

    static final String PII = "PII-canary@example.com";

    private CanaryApp() {
    }

    public static void main(String[] args) {
        String namespace = args[0];
        URI redis = URI.create(args[1]);
        PersonService people = new PersonService();
        people.profile(PII);
        people.profile(PII);
        Cache.set("contact|" + PII, "mail " + PII);
        report("cacheValueBack", (PII.length() + 5) == String.valueOf((Object) Cache.get("contact|" + PII)).length());
        try (JedisPooled admin = new JedisPooled(new HostAndPort(redis.getHost(), redis.getPort()),
                DefaultJedisClientConfig.builder().password(args[2]).build())) {
            admin.set(namespace + "|lock|{person_" + PII + "}", "held-elsewhere", SetParams.setParams().px(10_000));
        } catch (RuntimeException wrongPassword) {
            report("adminFailed", wrongPassword.getClass().getSimpleName());
        }
        try {
            people.update(PII);
            report("lock", "taken");
        } catch (RuntimeException e) {
            report("lock", e.getClass().getName() + ": " + e.getMessage() + " / cause " + e.getCause());
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
