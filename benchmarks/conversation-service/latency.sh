#!/usr/bin/env bash
# Visitor -> agent latency across two conversation-service instances (real PostgreSQL and Kafka on free loopback
# ports, the packaged fast-jar as two JVMs). Prints p50/p99/p999 of the ack (stored) and of the delivery to the agent
# on the other instance, and the achieved rate. Usage: latency.sh [rate msg/s] [seconds]   (defaults 500, 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-500}
SECONDS_=${2:-20}
./mvnw -B -o verify -pl services/conversation-service -am -DskipTests=false -Dtest=NoSuchTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DeliveryBenchmarkIT -Dbench.rate="$RATE" \
    -Dbench.seconds="$SECONDS_" 2>&1 | grep -E -A4 '^BENCHMARK|BUILD|ERROR\]' | grep -v '^--$'
