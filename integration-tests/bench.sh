#!/usr/bin/env bash
# Runs the JMH benchmarks of integration-tests (src/jmh/java) from a clean clone: builds the
# annotations and the shaded agent jar, starts its own redis-server on a free loopback port (part
# cluster also a Redis Cluster of 3 primaries and 3 replicas on free loopback ports, for that part only),
# runs the forks with and without the agent, and writes integration-tests/target/benchmark/results.md.
# Needs Java 17+, Maven, redis-server and redis-cli on PATH; about 26 minutes on 2 cores (78 JMH forks
# of 16 s of iterations plus 2-3 s of start-up each, two paired probes of 16 s and a hand-over probe of 13 s).
# Extra Maven arguments are passed on, e.g. -Dbench.rounds=5 or -Dbench.profilers=gc. Parts can be
# chosen, in this order: -Dbench.parts=hit,near,locks,agentoff,keys,throughput,miss,cluster,sizes (default
# all; about 4 min hit, 3 min near, 2.5 min locks, 3.7 min agentoff, 0.6 min keys, 3.1 min throughput,
# 3 min miss, 6 min cluster: 18 forks, 4 with -Dbench.rounds=2).
# A quick check that everything runs (about 4 minutes, figures not meaningful): -Dbench.warmups=1
# -Dbench.iterations=2 -Dbench.time=1s -Dbench.rounds=1 -Dbench.handover.seconds=3 (shorter paired
# runs tolerate no Redis timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -Pbench -pl integration-tests -am verify -DskipTests "$@"
