package io.rediscache.agent.store;

import io.rediscache.agent.config.RedisTopology;
import io.rediscache.agent.config.Setting;

/**
 * Which host name each Redis server's TLS certificate must carry, in words for the log: the
 * agent checks it as a browser checks a web site's, against the host it connects to, and for
 * a cluster or Sentinel that host is the one the cluster or the sentinels give, not the one
 * configured.
 */
final class TlsHostNames {

    private TlsHostNames() {
    }

    static String rule(RedisTopology topology, boolean checked) {
        if (!checked) {
            return "host names are not checked (" + Setting.REDIS_TLS_HOSTNAME_CHECK.key() + "=false).";
        }
        switch (topology.kind()) {
            case CLUSTER:
                return "each node's certificate must name the host it is reached at: the one in redis.cluster.nodes,"
                        + " and the one the cluster gives for it (its address, or cluster-announce-ip or"
                        + " cluster-announce-hostname).";
            case SENTINEL:
                return "each sentinel's certificate must name its host in redis.sentinel.nodes, and the primary's and"
                        + " replicas' the host the sentinels give for them (replica-announce-ip, or the address they"
                        + " see).";
            default:
                return "the server's certificate must name host '" + topology.url().host() + "'.";
        }
    }
}
