#!/usr/bin/env bash
# Runs the JMH benchmarks of integration-tests (src/jmh/java) from a clean clone: builds the
# annotations and the shaded agent jar, starts its own redis-server on a free loopback port,
# runs the forks with and without the agent, and writes integration-tests/target/benchmark/results.md.
# Needs Java 17+, Maven and redis-server on PATH; about 8 minutes on 2 cores.
# Extra Maven arguments are passed on, e.g. -Dbench.rounds=5 or -Dbench.profilers=gc. A quick check that
# everything runs (about 2 minutes, figures not meaningful): -Dbench.warmups=1 -Dbench.iterations=2
# -Dbench.time=1s -Dbench.rounds=1 -Dbench.handover.seconds=3 (shorter paired runs tolerate no Redis timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -Pbench -pl integration-tests -am verify -DskipTests "$@"
