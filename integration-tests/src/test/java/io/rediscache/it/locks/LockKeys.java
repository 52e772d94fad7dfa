package io.rediscache.it.locks;

import redis.clients.jedis.UnifiedJedis;

/** The documented Redis keys of a lock, {@code {namespace}|lock|{name}} (literal braces), read from outside the agent. */
final class LockKeys {

    private final UnifiedJedis redis;
    private final String namespace;

    LockKeys(UnifiedJedis redis, String namespace) {
        this.redis = redis;
        this.namespace = namespace;
    }

    static String lock(String namespace, String name) {
        return namespace + "|lock|{" + name + "}";
    }

    String lock(String name) {
        return lock(namespace, name);
    }

    /** A SCAN pattern for every lock and fence key of the namespace. */
    String allLockKeys() {
        return namespace + "|lock|*";
    }

    String fence(String name) {
        return lock(name) + "|fence";
    }

    /** The holder's token, or null when the lock is free. */
    String token(String name) {
        return redis.get(lock(name));
    }

    /** PTTL of the lock key: -2 when it does not exist. */
    long pttl(String name) {
        return redis.pttl(lock(name));
    }

    long fencePttl(String name) {
        return redis.pttl(fence(name));
    }

    UnifiedJedis redis() {
        return redis;
    }
}
