#!/usr/bin/env bash
# Visitor -> agent latency across two conversation-service instances (real PostgreSQL and Kafka on free loopback
# ports, the packaged fast-jar as two JVMs). Visitors on instance A, each in their own conversation, send at a fixed
# total rate; one agent socket on instance B follows every conversation. Prints p50/p99/p999 of the ack (stored) and
# of the delivery to the agent on the other instance, and the achieved rate.
# Usage: latency.sh [rate msg/s] [seconds] [conversations] [warm-up seconds]   (defaults 500, 20, 100, 120)
#   The stream runs warm-up + seconds; its first warm-up seconds are not measured (the instances' JITs compile for a
#   minute and more under load on two cores, which a cold run measures). Until session 9 the warm-up was a stream of
#   its own followed by a wait and a measured stream that started from idle.
# IT_MEMORY: the instances' heap and collector (default below; the kill tests keep the deployment's -Xmx256m SerialGC).
# IT_JVM_ARGS: more JVM options for both instances (a profiler, for instance).
# KAFKA_MEMORY: the broker's heap and collector (default below: 1 GiB, the size Kafka's own start script gives a
#   broker, and a young generation large enough that the broker collects every ~15 s instead of every second).
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:-500}
SECONDS_=${2:-20}
CONVERSATIONS=${3:-100}
WARMUP=${4:-120}
IT_MEMORY=${IT_MEMORY:-"-Xms1g -Xmx1g -XX:+UseParallelGC"}
KAFKA_MEMORY=${KAFKA_MEMORY:-"-Xms1g -Xmx1g -Xmn700m -XX:+UseSerialGC"}
echo "instances: $IT_MEMORY ${IT_JVM_ARGS:-}; Kafka broker: $KAFKA_MEMORY"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -o verify -pl services/conversation-service -am -DskipTests=false -Dtest=NoSuchTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DeliveryBenchmarkIT -Dbench.rate="$RATE" \
    -Dbench.seconds="$SECONDS_" -Dbench.conversations="$CONVERSATIONS" -Dbench.warmup-seconds="$WARMUP" \
    "-Dit.instance.memory=$IT_MEMORY" "-Dparley.kafka.memory=$KAFKA_MEMORY" ${IT_JVM_ARGS:+"-Dit.instance.jvm-args=$IT_JVM_ARGS"} 2>&1 \
  | grep -E -A6 '^BENCHMARK|BUILD|ERROR\]' | grep -v '^--$'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
