package io.rediscache.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import io.rediscache.agent.JavaVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional in-process tier in front of Redis ({@code cache.near.enabled}, per cache): the
 * encoded values of the caches that enable it, kept in this JVM so that a hit costs no round
 * trip. Every caller gets its own copy: the engine decodes an entry's bytes once, keeps the value
 * beside them ({@link DecodedSlot}) and copies it for each hit.
 *
 * <p>How it stays true to Redis:
 * <ul>
 * <li>Every write of a near cache's key (a stored result, an eviction's tombstone) is announced
 *     on {@code {namespace}|#near} by the same Lua script that writes it, so Redis never holds a
 *     new value that was not announced. Every JVM hears the announcements on the subscription it
 *     already keeps for generations ({@link GenerationTracker}) and drops the key; a clear is
 *     the generation message itself (the cache's keys change, and its old entries are dropped).</li>
 * <li>The tier is trusted only while that subscription is live: when it is lost, or the circuit
 *     breaker opens, every entry is dropped and nothing is kept until it is live again, so an
 *     announcement made while this JVM was not listening can never be missed.</li>
 * <li>A value read from (or written to) Redis is kept only if no announcement of its key, no
 *     flush and no loss of the subscription came in between: the caller takes a {@link Ticket}
 *     before the round trip, and {@link #keep} re-checks it after inserting (and removes the entry
 *     when it changed), so an invalidation racing with the insert always wins.</li>
 * <li>An entry lives no longer than its key's remaining TTL in Redis (nor {@code cache.near.ttl}),
 *     and the tier is bounded by {@code cache.near.max.bytes}.</li>
 * </ul>
 * A JVM ignores its own announcements: it already holds what it wrote.
 */
public final class NearCache {

    private static final Logger LOG = LoggerFactory.getLogger(NearCache.class);
    private static final int STRIPES = 1024;

    private final String namespace;
    private final String channel;
    private final String origin;
    private final long maxBytes;
    private final long ttlCapMillis;
    /** {@code {namespace}|{cache}|} of every cache with a near tier; copy-on-write. */
    private volatile String[] prefixes = new String[0];
    /** Runs when the first cache gets a near tier (starts the heartbeat); guarded by this object. */
    private Runnable firstEnabled;
    private volatile NearEntries entries;
    /** Raised by every announcement heard, per stripe of keys: a ticket taken before it is void. */
    private final AtomicLongArray announcements = new AtomicLongArray(STRIPES);
    /** Raised by every flush: a ticket taken before it is void. */
    private final AtomicLong flushes = new AtomicLong();
    private volatile boolean live;
    private volatile boolean refusedOnJava8;
    private final LongAdder hits = new LongAdder();

    public NearCache(String namespace, long maxBytes, long ttlCapMillis) {
        this.namespace = namespace;
        this.channel = namespace + "|#near";
        this.maxBytes = maxBytes;
        this.ttlCapMillis = ttlCapMillis;
        // 64 random bits tell this JVM's own messages from others'. Not SecureRandom: its first use
        // loads the security providers (about 15 ms at start), and the id protects nothing secret.
        long random = new SplittableRandom(System.nanoTime() ^ System.identityHashCode(this) * 0x9E3779B97F4A7C15L)
                .nextLong();
        this.origin = Long.toHexString(random);
    }

    /**
     * Gives {@code cacheName} a near tier (a cached method of it asked for one).
     *
     * @return whether it has one: not on Java 8, where the tier's Caffeine cannot run (logged once)
     */
    public synchronized boolean enable(String cacheName) {
        String prefix = namespace + "|" + cacheName + "|";
        if (Arrays.asList(prefixes).contains(prefix)) {
            return true;
        }
        if (JavaVersion.feature() < 11) {
            if (!refusedOnJava8) {
                refusedOnJava8 = true;
                LOG.warn("Cache '{}' asks for a near cache, which needs Java 11 or later; on this Java {} it is served"
                        + " from Redis only.", cacheName, System.getProperty("java.specification.version"));
            }
            return false;
        }
        if (entries == null) {
            entries = new NearEntries(maxBytes);
        }
        String[] grown = Arrays.copyOf(prefixes, prefixes.length + 1);
        grown[prefixes.length] = prefix;
        prefixes = grown;
        if (grown.length == 1 && firstEnabled != null) {
            firstEnabled.run();
        }
        LOG.info("Cache '{}' keeps a near cache in this JVM (at most {} bytes for all near caches, entries live at most"
                + " {} ms), kept in step with other JVMs through {}.", cacheName, maxBytes, ttlCapMillis, channel);
        return true;
    }

    /**
     * Runs {@code task} once, when the first cache gets a near tier (at once if one has): the
     * subscription's heartbeat thread is started only then, not in every JVM that uses Redis.
     */
    synchronized void whenFirstEnabled(Runnable task) {
        if (prefixes.length > 0) {
            task.run();
        } else {
            firstEnabled = task;
        }
    }

    /** Whether any cache has a near tier (the subscription's heartbeat runs only then). */
    boolean enabledAnywhere() {
        return prefixes.length > 0;
    }

    /** Whether {@code key} belongs to a cache with a near tier. */
    boolean covers(String key) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @return the kept bytes of {@code key} and their remaining TTL, or {@code null} (not kept, or not trusted now) */
    StoredValue get(String key) {
        NearEntries current = entries;
        if (!live || current == null) {
            return null;
        }
        NearEntries.NearValue value = current.get(key);
        if (value == null) {
            return null;
        }
        long remainingNanos = value.expiresAtNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            return null;
        }
        hits.increment();
        return new StoredValue(value.bytes, TimeUnit.NANOSECONDS.toMillis(remainingNanos), value.decoded);
    }

    /** For the statistics ({@code NearHits}): how many lookups this tier has answered. */
    public long hits() {
        return hits.sum();
    }

    /** Taken before a round trip whose result may be kept; {@code null} when nothing may be kept now. */
    Ticket ticket(String key) {
        if (!live || entries == null) {
            return null;
        }
        int stripe = stripe(key);
        return new Ticket(stripe, announcements.get(stripe), flushes.get());
    }

    /** Keeps {@code bytes} for at most {@code ttlMillis}, unless {@code ticket} was voided meanwhile. */
    void keep(String key, byte[] bytes, long ttlMillis, Ticket ticket) {
        NearEntries current = entries;
        if (ticket == null || current == null || ttlMillis <= 0 || !isValid(ticket)) {
            return;
        }
        long expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(ttlMillis, ttlCapMillis));
        current.put(key, new NearEntries.NearValue(bytes, expiresAt));
        if (!isValid(ticket)) {
            current.remove(key); // an announcement, a flush or a lost subscription came in while inserting
        }
    }

    private boolean isValid(Ticket ticket) {
        return live && announcements.get(ticket.stripe) == ticket.announcements && flushes.get() == ticket.flushes;
    }

    /** Drops {@code key} here (and voids tickets taken for it): this JVM changed it, or heard that another did. */
    void forget(String key) {
        announcements.incrementAndGet(stripe(key));
        NearEntries current = entries;
        if (current != null) {
            current.remove(key);
        }
    }

    /**
     * Drops the entries a clear of {@code cacheName} left behind: its keys changed with the new
     * {@code generation}, so no call reads them again (this frees their memory). Entries of that
     * generation are kept: calls use it from the moment it is remembered, just before this runs,
     * and one may already have kept a fresh value under it.
     */
    void forgetCacheBefore(String cacheName, long generation) {
        NearEntries current = entries;
        if (current != null) {
            String prefix = namespace + "|" + cacheName + "|";
            current.removeStartingWith(prefix, prefix + "g" + generation + "|");
        }
    }

    /** Drops everything and voids every ticket: Redis was unreachable, some announcement may have been missed. */
    void flush() {
        flushes.incrementAndGet();
        NearEntries current = entries;
        if (current != null) {
            current.clear();
        }
    }

    /** The subscription is live (it carries every announcement from now on): the tier may be used. */
    void listening() {
        if (live) {
            return;
        }
        flush();
        live = true;
    }

    /** The subscription is lost: nothing kept is trusted, and nothing is kept until it is back. */
    void deaf() {
        live = false;
        flush();
    }

    /** An announcement heard on {@link #channel()}: {@code {origin} {key}}. */
    void heard(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            LOG.debug("Ignored a malformed message on {}.", channel);
            return;
        }
        boolean mine = space == origin.length() && message.regionMatches(0, origin, 0, space);
        if (!mine) {
            forget(message.substring(space + 1));
        }
    }

    /** The channel the announcements go to: {@code {namespace}|#near}. */
    String channel() {
        return channel;
    }

    /** The channel only this JVM subscribes to, for its heartbeat: {@code {namespace}|#near|{origin}}. */
    String heartbeatChannel() {
        return channel + "|" + origin;
    }

    /** What to announce after writing {@code key}. */
    byte[] announcement(String key) {
        return (origin + " " + key).getBytes(StandardCharsets.UTF_8);
    }

    /** For tests and statistics: how many entries the tier holds now. */
    public long size() {
        NearEntries current = entries;
        return current == null ? 0 : current.size();
    }

    private static int stripe(String key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }


    /** What a caller saw before its round trip: the key's stripe of announcements and the flushes. */
    static final class Ticket {
        final int stripe;
        final long announcements;
        final long flushes;

        Ticket(int stripe, long announcements, long flushes) {
            this.stripe = stripe;
            this.announcements = announcements;
            this.flushes = flushes;
        }
    }
}
