#!/usr/bin/env bash
# consent-service on real PostgreSQL and Kafka (ParleyTestInfra): ConsentSubmitted -> ConsentRecorded latency at a
# fixed rate (p50/p99, achieved rate) and the latency of consent-service's own erasure part (request -> DONE).
# Usage: run.sh [rate/s] [seconds] [erasures]   (defaults 200, 15, 50)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -o verify -pl services/consent-service -am -Dtest=LedgerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench=true -Dbench.rate="${1:-200}" -Dbench.seconds="${2:-15}" -Dbench.erasures="${3:-50}" 2>&1 \
    | grep -E '^BENCHMARK|BUILD|ERROR\]'
