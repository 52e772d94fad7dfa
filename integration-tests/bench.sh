#!/usr/bin/env bash
# Runs the JMH benchmarks of integration-tests (src/jmh/java) from a clean clone: builds the
# annotations and the shaded agent jar, starts its own redis-server on a free loopback port,
# runs the forks with and without the agent, and writes integration-tests/target/benchmark/results.md.
# Needs Java 17+, Maven and redis-server on PATH; about 5 minutes on 2 cores.
# Extra Maven arguments are passed on, e.g. -Dbench.rounds=5 or -Dbench.profilers=gc.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -Pbench -pl integration-tests -am verify -DskipTests "$@"
