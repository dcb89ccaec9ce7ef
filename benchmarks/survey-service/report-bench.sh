#!/usr/bin/env bash
# CSAT report computation (survey-service's pure domain code, no database): p50/p99 for one portal's period.
#   benchmarks/survey-service/report-bench.sh            # build (offline) then run with 100,000 invitations
#   BENCH_SKIP_BUILD=1 benchmarks/survey-service/report-bench.sh 1000000
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MODULE=services/survey-service
if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  ./mvnw -B -o -q test-compile dependency:build-classpath -pl "$MODULE" -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
exec java -Xmx1g -cp "$CP" dev.parley.survey.bench.ReportBench "${1:-100000}"
