#!/usr/bin/env bash
# Routing benchmark: real PostgreSQL + Kafka + N routing-service processes (free ports, temp dir), then
#   phase 1: ConversationStarted at --rate per second for --seconds; prints rate achieved and start->assigned p50/p99
#   phase 2: all seats full, conversations queued; closes one at a time; prints close->next assigned p50/p99
# Usage: benchmarks/routing/run.sh [--rate=1000] [--seconds=60] [--instances=3] [--reruns=100] [--portals=1]
#                                  [--warmup=0]
#   --portals=N spreads the starts round-robin over N portals (100/N agents each): portals do not share a lock.
#   --warmup=S makes phase 1 one stream of S + --seconds seconds on one portal whose first S seconds are not
#     measured: the JITs of the service, the broker and this JVM still compile for a minute and more under this
#     load on two cores (session 10: the service's main batch method was compiled, deoptimised and compiled again
#     50-70 s in; p99 met after 120 s in six runs of six, after 60 s in one of three). Until session 9 the warm-up
#     was a phase of its own on another portal, then a pause, then the measured phase on a fresh portal.
#   The figures in the README: --rate=1000 --seconds=60 --warmup=120 --instances=1 --reruns=50.
#   Each conversation is closed one second after its assignment is seen (a steady stream of closes).
# SERVICE_MEMORY: the routing-service instances' heap and collector (default below; deploy/ uses -Xmx256m SerialGC).
# KAFKA_MEMORY: the broker's heap and collector (default below: 1 GiB, the size Kafka's own start script gives a
#   broker, with a young generation large enough that it collects every ~15 s here, not every second as the tests'
#   512 MB broker did).
# BENCH_JAVA_OPTS: options of the benchmark JVM, e.g. -Dparley.keep-logs=true (keeps the scratch directory with the
#   logs), -Dparley.pg.log-statements=0 (PostgreSQL logs every statement with its duration) or
#   -Dparley.pg.auto-explain=50 (the plan of every statement slower than 50 ms, with row counts; slows all a little)
#   or -Dparley.pg.stat-statements=true (planning and execution time per statement, saved in the data directory:
#   add -Dparley.keep-logs=true to keep it);
#   -Dparley.pg.config=log_autovacuum_min_duration=0,... adds PostgreSQL settings;
#   -Dparley.bench.analyze=true runs ANALYZE before each throughput phase (a diagnosis: the planner then knows the
#   new portal).
# Both phases print where the latency goes: start/close sent -> decision -> relay publishes -> seen.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -o -q package -pl services/routing-service -am -DskipTests
./mvnw -B -o -q dependency:build-classpath -pl services/routing-service -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
# This checkout's platform modules first (the SNAPSHOT jars in ~/.m2 may be older).
CP="services/routing-service/target/test-classes:services/routing-service/target/classes"
for m in contracts service-kit infra; do CP="$CP:platform/$m/target/classes"; done
CP="$CP:$(cat services/routing-service/target/bench.classpath)"
SERVICE_MEMORY=${SERVICE_MEMORY:-"-Xms1g -Xmx1g -XX:+UseParallelGC"}
KAFKA_MEMORY=${KAFKA_MEMORY:-"-Xms1g -Xmx1g -Xmn700m -XX:+UseSerialGC"}
echo "routing-service instances: $SERVICE_MEMORY; Kafka broker: $KAFKA_MEMORY"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
# The benchmark JVM keeps every event it saw, and every pause of its collector adds to the latencies it measures.
# Tried on these two cores: G1 on a small heap paused it 10-36 ms a few times a second; ParallelGC on a fixed 1 GiB
# 25-68 ms every 10 s; with a 1.5 GiB young generation 70-205 ms once a minute; the serial collector 56-244 ms
# every 12 s; ZGC's concurrent work took CPU from what it measures. Kept: no pause while it measures. It allocates
# ~27 MB/s under the 1,000/s load, so the ~6.75 GiB eden of a 9 GiB young generation (touched up front) holds a
# whole stream of up to ~250 s (--warmup=120 --seconds=60: 180 s); it collects right before the stream and prints
# how many pauses fell inside it and inside the measured window (expected: none). Memory: 10 GiB for this JVM plus
# SERVICE_MEMORY per instance plus KAFKA_MEMORY.
exec java -Xms10g -Xmx10g -Xmn9g -XX:+AlwaysPreTouch -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} "-Dparley.service.memory=$SERVICE_MEMORY" "-Dparley.kafka.memory=$KAFKA_MEMORY" -Dparley.root="$PWD" -cp "$CP" dev.parley.routing.bench.RoutingBenchmark "$@"
