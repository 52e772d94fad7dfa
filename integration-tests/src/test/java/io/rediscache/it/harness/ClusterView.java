package io.rediscache.it.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import redis.clients.jedis.HostAndPort;

/**
 * One node's view of a Redis Cluster, parsed from its {@code CLUSTER NODES} reply: who is a
 * primary and serves which slots, who replicates whom, who is failing. The views of different
 * nodes disagree for a while after a failover; {@link RedisCluster} waits until they agree.
 */
record ClusterView(List<Node> nodes) {

    /** A line of the reply: {@code <id> <ip:port@bus-port> <flags> <primary id or -> … <slot ranges>}. */
    record Node(String id, HostAndPort address, Set<String> flags, String primaryId, List<int[]> slotRanges) {

        /** A primary this node believes alive and serving slots (a failed primary keeps the flag, not the slots). */
        boolean isServingPrimary() {
            return flags.contains("master") && !isFailing() && !slotRanges.isEmpty();
        }

        boolean isLiveReplica() {
            return flags.contains("slave") && !isFailing();
        }

        boolean isFailing() {
            return flags.contains("fail") || flags.contains("fail?");
        }

        boolean serves(int slot) {
            return slotRanges.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
        }
    }

    static ClusterView parse(String reply) {
        List<Node> nodes = new ArrayList<>();
        for (String line : reply.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(parseLine(line.trim()));
            }
        }
        return new ClusterView(List.copyOf(nodes));
    }

    private static Node parseLine(String line) {
        String[] fields = line.split(" ");
        String address = fields[1].split(",")[0].split("@")[0];
        List<int[]> slots = new ArrayList<>();
        for (int i = 8; i < fields.length; i++) {
            if (!fields[i].startsWith("[")) { // "[slot->-id]": a slot being migrated, not served
                String[] bounds = fields[i].split("-");
                int first = Integer.parseInt(bounds[0]);
                slots.add(new int[] {first, bounds.length == 2 ? Integer.parseInt(bounds[1]) : first});
            }
        }
        return new Node(fields[0], HostAndPort.from(address), Set.of(fields[2].split(",")), fields[3], List.copyOf(slots));
    }

    /**
     * Who serves which slots and who replicates whom, in a form two views can be compared by:
     * gossip spreads a node's new role a little later than the slots it took over.
     */
    String roles() {
        StringBuilder roles = new StringBuilder();
        nodes.stream().sorted(Comparator.comparing(Node::id)).forEach(node -> {
            roles.append(node.id()).append(' ');
            if (node.isServingPrimary()) {
                node.slotRanges().forEach(range -> roles.append(range[0]).append('-').append(range[1]).append(' '));
            } else if (node.isLiveReplica()) {
                roles.append("replica of ").append(node.primaryId());
            } else {
                roles.append(node.isFailing() ? "failing" : "no slots");
            }
            roles.append('\n');
        });
        return roles.toString();
    }

    Optional<Node> myself() {
        return nodes.stream().filter(node -> node.flags().contains("myself")).findFirst();
    }

    List<Node> servingPrimaries() {
        return nodes.stream().filter(Node::isServingPrimary).toList();
    }

    List<Node> liveReplicas() {
        return nodes.stream().filter(Node::isLiveReplica).toList();
    }

    Optional<Node> primaryOf(int slot) {
        return servingPrimaries().stream().filter(node -> node.serves(slot)).findFirst();
    }

    Optional<Node> at(HostAndPort address) {
        return nodes.stream().filter(node -> node.address().equals(address)).findFirst();
    }

    List<Node> liveReplicasOf(Node primary) {
        return liveReplicas().stream().filter(node -> node.primaryId().equals(primary.id())).toList();
    }
}
