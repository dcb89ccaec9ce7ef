#!/usr/bin/env bash
# Idle-connection benchmark for conversation-service (issue 5): how many idle visitor sockets one instance holds and
# the heap and resident bytes each costs, against a bare Vert.x WebSocket server (BareWsServer, same Vert.x, same
# JVM options) in the same run. Real PostgreSQL and Kafka on free loopback ports (IdleInfra), the packaged fast-jar,
# load generators (IdleLoad) as several JVMs, each binding its sockets to its own 127.0.0.x source address.
#
# An idle visitor socket = handshake with a valid visitor token (one widget session per 10 sockets, the default
# parley.limits.sockets-per-visitor), authenticated, no conversation started; --hello: each socket also sent one
# `hello` frame (answered by an ack) and then nothing.
#
# Per server: warm-up (500 sockets opened and closed); full GC, live heap + VmRSS (empty); half the sockets from
# one set of loaders, full GC, heap + RSS; the other half from a second set, full GC, heap + RSS. Per connection:
# average (all - empty) / sockets, and marginal (all - half) / second half, sockets counted ESTABLISHED on the
# server's port (ss). Class histograms (empty, all open) are kept in the work directory (top growth printed).
#
#   benchmarks/conversation-service/idle.sh                     # 18,000 sockets per server (fd limit 20,000 here)
#   benchmarks/conversation-service/idle.sh --sockets 5000 --hello
#   options: --sockets N  --loaders K (4)  --rate R sockets/s over all loaders (1000)  --xmx SIZE (1g)
#            --gc serial|g1 (serial, as ./parley up and the Dockerfile run the services)  --hello
#   env: BENCH_SKIP_BUILD=1, SERVER_JAVA_OPTS (added to both servers' JVM options), BENCH_HEAP_DUMP=1 (heap dump
#        of each server with the sockets open, in the work directory)
# The script holds /tmp/parley-bench.lock (flock) while it measures; every wait has a deadline; all processes it
# started are stopped on exit.
set -euo pipefail
{ # the whole script is read before it runs (editing the file meanwhile does not affect a running benchmark)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
MODULE=services/conversation-service
WORK=${BENCH_DIR:-$ROOT/$MODULE/target/idle-bench}
SOCKETS=18000
LOADERS=4
RATE=1000
XMX=1g
GC=serial
HELLO=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sockets) SOCKETS=$2; shift 2 ;;
    --loaders) LOADERS=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    --gc) GC=$2; shift 2 ;;
    --hello) HELLO=true; shift ;;
    *) echo "usage: $0 [--sockets N] [--loaders K] [--rate R] [--xmx SIZE] [--gc serial|g1] [--hello]" >&2; exit 2 ;;
  esac
done
FD_LIMIT=$(ulimit -n)
if (( SOCKETS + 500 > FD_LIMIT )); then
  echo "--sockets $SOCKETS does not fit one process's file limit ($FD_LIMIT, ulimit -n) with ~500 to spare" >&2
  exit 2
fi
if (( (SOCKETS + LOADERS - 1) / LOADERS + 500 > FD_LIMIT )); then
  echo "each of the $LOADERS loaders would exceed the file limit $FD_LIMIT: use more --loaders" >&2; exit 2
fi

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  ./mvnw -B -o -q package dependency:build-classpath -DskipTests -pl "$MODULE" -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
JAR="$MODULE/target/quarkus-app/quarkus-run.jar"
# The bare server gets Vert.x, Netty and Jackson only (no Quarkus logging or CDI on its classpath).
BARE_CP="$MODULE/target/test-classes:$(tr ':' '\n' < "$MODULE/target/bench.classpath" \
  | grep -E '/io/vertx/vertx-core/|/io/netty/|/com/fasterxml/jackson/core/' | paste -sd:)"
case "$GC" in serial) GC_OPT=-XX:+UseSerialGC ;; g1) GC_OPT=-XX:+UseG1GC ;; *) echo "--gc serial|g1" >&2; exit 2 ;; esac
SERVER_OPTS=(-Xmx"$XMX" "$GC_OPT" ${SERVER_JAVA_OPTS:-})

exec 9>/tmp/parley-bench.lock
echo "waiting for /tmp/parley-bench.lock ..."
flock -w 3600 9 || { echo "benchmark lock not obtained within an hour" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"
PIDS=()
LOAD_PIDS=()
cleanup() {
  local i
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

until_true() { # seconds description command...: polls the command every 0.5 s until it succeeds or time is up
  local end=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    (( SECONDS < end )) || { echo "timed out: $what" >&2; return 1; }
    sleep 0.5
  done
}
established() { # server-side sockets only: local address 127.0.0.1:port (a loader's own ephemeral port may equal it)
  ss -Htn state established "( sport = :$1 )" | awk -v p="$1" '$3 ~ ("(^|[^0-9])127\\.0\\.0\\.1\\]?:" p "$")' | wc -l
}
established_at_least() { (( $(established "$1") >= $2 )); }
none_established() { (( $(established "$1") == 0 )); }
listening() { [[ $(ss -Htln "( sport = :$1 )" | wc -l) -gt 0 ]]; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

java -Xmx256m -cp "$CP" dev.parley.conversation.bench.IdleInfra "$WORK/infra" > "$WORK/infra.log" 2>&1 9>&- &
PIDS+=($!)
until_true 180 "infrastructure (see $WORK/infra.log)" test -f "$WORK/infra/env"
source "$WORK/infra/env"

QUARKUS_HTTP_PORT=$BENCH_PARLEY_PORT PARLEY_INSTANCE_ID=idle-bench QUARKUS_LOG_LEVEL=WARN \
  java "${SERVER_OPTS[@]}" -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$BENCH_OIDC_KEY" \
  -jar "$JAR" > "$WORK/parley.log" 2>&1 9>&- &
PARLEY_PID=$!
PIDS+=($PARLEY_PID)
java "${SERVER_OPTS[@]}" -cp "$BARE_CP" dev.parley.conversation.bench.BareWsServer "$BENCH_BARE_PORT" \
  > "$WORK/bare.log" 2>&1 9>&- &
BARE_PID=$!
PIDS+=($BARE_PID)
until_true 120 "conversation-service ready (see $WORK/parley.log)" \
  curl -sf -o /dev/null "http://127.0.0.1:$BENCH_PARLEY_PORT/q/health/ready"
until_true 60 "bare server listening (see $WORK/bare.log)" listening "$BENCH_BARE_PORT"

snapshot() { # pid label -> "liveHeapKB rssKB heapCommittedKB"; full GC twice first; class histogram in $WORK
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.class_histogram > "$WORK/$2.histo"
  jcmd "$1" GC.heap_info > "$WORK/$2.heap"
  local heap committed rss
  # live heap = the class histogram's total (taken right after a full GC; GC.heap_info's "used" also counts
  # whatever the process allocated since, e.g. its timers and Kafka polls)
  heap=$(awk '$1 == "Total" {print int($3 / 1024)}' "$WORK/$2.histo")
  # committed: every generation's "total <committed>K, used <used>K" line (G1: one, serial: young + tenured)
  committed=$(grep -oE 'total [0-9]+K, used [0-9]+K' "$WORK/$2.heap" | awk -F'[ K,]+' '{s += $2} END {print s}')
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status")
  echo "$heap $rss $committed"
}

start_loaders() { # port sockets sourceBase batch loaders: status/log files $WORK/<batch><i>.*
  local port=$1 total=$2 base=$3 batch=$4 k=$5 i share
  for ((i = 0; i < k; i++)); do
    share=$(( total / k + (i < total % k ? 1 : 0) ))
    java -Xmx256m -XX:+UseSerialGC -cp "$CP" dev.parley.conversation.bench.IdleLoad --port "$port" \
      --source "127.0.0.$((base + i))" --sockets "$share" --rate $(( (RATE + k - 1) / k )) \
      --sessions-port "$BENCH_PARLEY_PORT" --chatflow "$BENCH_CHATFLOW" --hello "$HELLO" \
      --hold-seconds $((SOCKETS / RATE + 900)) --status "$WORK/$batch$i.status" > "$WORK/$batch$i.log" 2>&1 9>&- &
    LOAD_PIDS+=($!)
  done
}
loaders_ready() { # batch loaders
  local i p
  for p in "${LOAD_PIDS[@]}"; do
    kill -0 "$p" 2>/dev/null || { echo "a load generator exited early, see $WORK/$1*.log" >&2; exit 1; }
  done
  for ((i = 0; i < $2; i++)); do
    grep -q 'ready=true' "$WORK/$1$i.status" 2>/dev/null || return 1
  done
}
loader_sum() { # glob field -> sum over the matching loaders' status files
  cat "$WORK"/$1.status | grep -oE "$2=[0-9]+" | cut -d= -f2 | awk '{s += $1} END {print s + 0}'
}
stop_loaders() { # port
  for p in "${LOAD_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${LOAD_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  LOAD_PIDS=()
  until_true 120 "sockets on :$1 closed" none_established "$1"
}
open_batch() { # name port sockets sourceBase batch: opens and waits until the server has them all
  local name=$1 port=$2 n=$3 base=$4 batch=$5 began=$SECONDS
  start_loaders "$port" "$n" "$base" "$name-$batch" "$LOADERS"
  until_true $((n / RATE + 240)) "$name loaders" loaders_ready "$name-$batch" "$LOADERS"
  local expected=$(( $(loader_sum "$name-[ab]*" opened) - $(loader_sum "$name-[ab]*" closed) ))
  until_true 30 "server sees the $expected sockets" established_at_least "$port" "$expected"
  echo "[$name] batch $batch: $n sockets from $LOADERS loaders (127.0.0.$base-$((base + LOADERS - 1))) in" \
    "$((SECONDS - began)) s, established now $(established "$port")"
}
report() { # name label pid port -> one line of figures, "heap rss committed established files"
  local heap rss com
  read -r heap rss com < <(snapshot "$3" "$1-$2")
  echo "$heap $rss $com $(established "$4") $(ls "/proc/$3/fd" | wc -l)"
}

phase() { # name port pid sourceBase
  local name=$1 port=$2 pid=$3 base=$4 half=$((SOCKETS / 2))
  echo "[$name] warm-up: 500 sockets opened and closed"
  start_loaders "$port" 500 $((base + 50)) "$name-w" 1
  until_true 120 "$name warm-up" loaders_ready "$name-w" 1
  stop_loaders "$port"
  local load0 load1 h0 r0 c0 e0 f0 h1 r1 c1 e1 f1 h2 r2 c2 e2 f2
  load0=$(loadavg)
  read -r h0 r0 c0 e0 f0 < <(report "$name" 0 "$pid" "$port")
  echo "[$name] empty: live heap $h0 KB (committed $c0 KB), RSS $r0 KB, $f0 files open"
  open_batch "$name" "$port" "$half" "$base" a
  read -r h1 r1 c1 e1 f1 < <(report "$name" 1 "$pid" "$port")
  echo "[$name] $e1 sockets: live heap $h1 KB (committed $c1 KB), RSS $r1 KB, $f1 files open"
  open_batch "$name" "$port" $((SOCKETS - half)) $((base + LOADERS)) b
  read -r h2 r2 c2 e2 f2 < <(report "$name" 2 "$pid" "$port")
  if [[ -n "${BENCH_HEAP_DUMP:-}" ]]; then jcmd "$pid" GC.heap_dump "$WORK/$name-2.hprof" > /dev/null; fi
  load1=$(loadavg)
  echo "[$name] $e2 sockets: live heap $h2 KB (committed $c2 KB), RSS $r2 KB, $f2 files open; client side:" \
    "opened $(loader_sum "$name-[ab]*" opened), failed $(loader_sum "$name-[ab]*" failed), closed by the server" \
    "$(loader_sum "$name-[ab]*" closed), hello answered $(loader_sum "$name-[ab]*" answered)"
  grep -h 'sockets opened' "$WORK/$name"-[ab]*.log | sed "s/^/[$name]   /"
  (( e2 > e1 && e1 > 0 )) || { echo "[$name] sockets missing, see $WORK/$name-*.log" >&2; exit 1; }
  stop_loaders "$port"
  # average over all sockets (from the warmed-up empty server) and marginal (second half only: one-time costs
  # such as the first touch of young-generation pages fall into the first half)
  awk -v n="$name" -v e1="$e1" -v e2="$e2" -v h0="$h0" -v h1="$h1" -v h2="$h2" -v r0="$r0" -v r1="$r1" \
    -v r2="$r2" -v l="${load0// /,}/${load1// /,}" 'BEGIN { printf "%s %d %.0f %.0f %.0f %.0f %d/%d %d/%d %s\n",
      n, e2, (h2 - h0) * 1024 / e2, (h2 - h1) * 1024 / (e2 - e1), (r2 - r0) * 1024 / e2,
      (r2 - r1) * 1024 / (e2 - e1), h0, h2, r0, r2, l }' >> "$WORK/results.tsv"
  echo "[$name] top heap growth per socket (bytes, class histogram with $e2 sockets - empty):"
  awk -v e="$e2" 'FNR == NR && $1 ~ /^[0-9]+:$/ { b[$4] = $3; next }
       $1 ~ /^[0-9]+:$/ { d = ($3 - b[$4]) / e; if (d >= 8) printf "%10.0f  %s\n", d, $4 }' \
    "$WORK/$name-0.histo" "$WORK/$name-2.histo" | sort -rn | awk 'NR <= 15' | sed "s/^/[$name] /"
}

echo "load average at start: $(loadavg); $(nproc) cores; file limit per process $FD_LIMIT"
phase bare "$BENCH_BARE_PORT" "$BARE_PID" 10
phase parley "$BENCH_PARLEY_PORT" "$PARLEY_PID" 100

echo
echo "IDLE CONNECTIONS: conversation-service vs bare Vert.x, -Xmx$XMX $GC_OPT, $(nproc) cores, 2 x $LOADERS" \
  "load-generator JVMs on their own 127.0.0.x source addresses, fd limit $FD_LIMIT per process, hello=$HELLO"
echo "per connection: avg = (all open - empty) / sockets; marginal = (all open - half open) / second half"
printf '%-7s %8s %10s %10s %10s %10s %15s %17s  %s\n' server sockets "heap avg" "heap marg" "RSS avg" \
  "RSS marg" "heap KB 0/all" "RSS KB 0/all" "load avg before/after"
while read -r n e ha hm ra rm hh rr l; do
  printf '%-7s %8d %8d B %8d B %8d B %8d B %15s %17s  %s\n' "$n" "$e" "$ha" "$hm" "$ra" "$rm" "$hh" "$rr" "${l//,/ }"
done < "$WORK/results.tsv"
awk '$1 == "bare" { for (i = 3; i <= 6; i++) b[i] = $i } $1 == "parley" { for (i = 3; i <= 6; i++) p[i] = $i }
     END { if (b[3] > 0 && b[5] > 0) printf "ratio parley/bare: heap %.2f (marginal %.2f), RSS %.2f (marginal %.2f); goal <= 10,240 B each\n",
       p[3] / b[3], p[4] / b[4], p[5] / b[5], p[6] / b[6] }' "$WORK/results.tsv"
echo "load average at end: $(loadavg)"
exit 0
}
