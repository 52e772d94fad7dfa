package io.rediscache.agent.lock;

import java.util.concurrent.Future;

/** One acquisition of a lock: what releasing and renewing it need. */
final class HeldLock {

    final String name;
    final String key;
    final String token;
    final long fencingToken;
    final long leaseMillis;
    volatile Future<?> renewal;
    volatile boolean lost;

    HeldLock(String name, String key, String token, long fencingToken, long leaseMillis) {
        this.name = name;
        this.key = key;
        this.token = token;
        this.fencingToken = fencingToken;
        this.leaseMillis = leaseMillis;
    }
}
