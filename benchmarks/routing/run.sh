#!/usr/bin/env bash
# Routing benchmark: real PostgreSQL + Kafka + N routing-service processes (free ports, temp dir), then
#   phase 1: ConversationStarted at --rate per second for --seconds; prints rate achieved and start->assigned p50/p99
#   phase 2: all seats full, conversations queued; closes one at a time; prints close->next assigned p50/p99
# Usage: benchmarks/routing/run.sh [--rate=1000] [--seconds=60] [--instances=3] [--reruns=100] [--portals=1]
#   --portals=N spreads the starts round-robin over N portals (100/N agents each): portals do not share a lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -o -q package -pl services/routing-service -am -DskipTests
./mvnw -B -o -q dependency:build-classpath -pl services/routing-service -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
# This checkout's platform modules first (the SNAPSHOT jars in ~/.m2 may be older).
CP="services/routing-service/target/test-classes:services/routing-service/target/classes"
for m in contracts service-kit infra; do CP="$CP:platform/$m/target/classes"; done
CP="$CP:$(cat services/routing-service/target/bench.classpath)"
exec java -Xmx512m -Dparley.root="$PWD" -cp "$CP" dev.parley.routing.bench.RoutingBenchmark "$@"
