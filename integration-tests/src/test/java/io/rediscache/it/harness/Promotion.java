package io.rediscache.it.harness;

import java.time.Duration;

import redis.clients.jedis.HostAndPort;

/**
 * A replica that became the primary: of a cluster shard ({@link RedisCluster}) or of a Sentinel
 * group ({@link RedisSentinelGroup}). {@code took} runs from just before the harness killed the
 * primary (or asked for the failover) to the moment every live node or Sentinel named the new one.
 */
public record Promotion(HostAndPort formerPrimary, HostAndPort newPrimary, Duration took) {
}
