#!/usr/bin/env bash
# Keel next to etcd on this machine: starts a 3-member etcd (Debian's etcd-server) and a 3-replica
# Keel (three `bin/keel store` processes) on loopback, each with its data in a fresh temp dir on
# the same disk and fsync on (both defaults), runs the same workloads against both with the same
# client (bench/keel-bench kv), and prints a table of Keel/etcd ratios plus each server's RSS.
# Everything it starts is stopped on exit.
#
# Needs: etcd on PATH (apt-get install -y etcd-server etcd-client) and the jars
# (mvn -B -DskipTests install). Takes about 9 minutes with the defaults.
#
# Environment (defaults in brackets):
#   DURATION [10s] measured time per step; WARMUP [2s] unmeasured time before it
#   PRELOAD [60s]: before the steps, an unrecorded put run at 64 in flight on each system, so the
#     JVMs' JIT compilers have done most of their work and both stores hold data
#   VAL_SIZE [256] KEY_SIZE [16] KEY_SPACE [100000] (txn uses 1000 keys, so swaps contend)
#   TARGET [leader]: leader = every request goes to the group's leader; all = connections
#     spread over the three members (followers forward writes)
#   STEPS [all]: space-separated subset of: put-1 put-16 put-64 put-256 range-l-1 range-s-1
#     range-l-64 range-s-64 txn-64 watch-100
#   ETCD_PORT_BASE [23790] KEEL_PORT_BASE [27390]: member i uses base+10i (client), +1 (peer)
#   OUT [bench/target/compare-etcd/<time>]: results (JSON per run, charts, table.md, summary.md)
#   KEEL_JAVA_OPTS: extra JVM options of the Keel replicas (e.g. a JFR recording)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
PRELOAD="${PRELOAD:-60s}"
VAL_SIZE="${VAL_SIZE:-256}"
KEY_SIZE="${KEY_SIZE:-16}"
KEY_SPACE="${KEY_SPACE:-100000}"
TARGET="${TARGET:-leader}"
ALL_STEPS="put-1 put-16 put-64 put-256 range-l-1 range-s-1 range-l-64 range-s-64 txn-64 watch-100"
STEPS="${STEPS:-$ALL_STEPS}"
ETCD_PORT_BASE="${ETCD_PORT_BASE:-23790}"
KEEL_PORT_BASE="${KEEL_PORT_BASE:-27390}"
OUT="${OUT:-$root/bench/target/compare-etcd/$(date +%Y%m%d-%H%M%S)}"
bench="$root/bench/keel-bench"

die() { echo "compare-etcd: $*" >&2; exit 2; }

command -v etcd >/dev/null || die "etcd is not installed: apt-get install -y etcd-server etcd-client"
[ -f "$root/cli/target/keel.jar" ] && [ -f "$root/bench/target/keel-bench.jar" ] \
  || die "jars missing: (cd $root && mvn -B -DskipTests install)"
case "$TARGET" in leader|all) ;; *) die "TARGET must be leader or all, got '$TARGET'" ;; esac

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for base in "$ETCD_PORT_BASE" "$KEEL_PORT_BASE"; do
  for i in 0 1 2; do
    for p in $((base + 10 * i)) $((base + 10 * i + 1)); do
      port_in_use "$p" && die "port $p is in use; set ETCD_PORT_BASE / KEEL_PORT_BASE"
    done
  done
done

work="$(mktemp -d -t keel-compare-XXXXXX)"
mkdir -p "$OUT/results" "$OUT/charts" "$OUT/logs"
declare -A pid_of=()

cleanup() {
  local pid
  for pid in "${pid_of[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pid_of[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pid_of[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

endpoints() { # base -> the three client endpoints, comma-separated
  echo "127.0.0.1:$(($1)),127.0.0.1:$(($1 + 10)),127.0.0.1:$(($1 + 20))"
}

start_etcd() {
  local cluster="" i
  for i in 1 2 3; do
    cluster+="${cluster:+,}e$i=http://127.0.0.1:$((ETCD_PORT_BASE + 10 * (i - 1) + 1))"
  done
  for i in 1 2 3; do
    local cp=$((ETCD_PORT_BASE + 10 * (i - 1))) pp=$((ETCD_PORT_BASE + 10 * (i - 1) + 1))
    etcd --name "e$i" --data-dir "$work/etcd/e$i" \
      --listen-client-urls "http://127.0.0.1:$cp" --advertise-client-urls "http://127.0.0.1:$cp" \
      --listen-peer-urls "http://127.0.0.1:$pp" --initial-advertise-peer-urls "http://127.0.0.1:$pp" \
      --initial-cluster "$cluster" --initial-cluster-token keel-compare --initial-cluster-state new \
      --logger zap --log-outputs stderr >"$OUT/logs/etcd-e$i.log" 2>&1 &
    pid_of[etcd-e$i]=$!
  done
}

start_keel() {
  local peers="" i
  for i in 1 2 3; do
    peers+="${peers:+,}n$i=127.0.0.1:$((KEEL_PORT_BASE + 10 * (i - 1) + 1))"
  done
  for i in 1 2 3; do
    local cp=$((KEEL_PORT_BASE + 10 * (i - 1))) pp=$((KEEL_PORT_BASE + 10 * (i - 1) + 1))
    "$root/bin/keel" store --id "n$i" --data-dir "$work/keel/n$i" \
      --client-port "$cp" --peer-port "$pp" --peers "$peers" >"$OUT/logs/keel-n$i.log" 2>&1 &
    pid_of[keel-n$i]=$!
  done
}

# Runs one step on one system: run <system> <step> <endpoints>
run() {
  local system="$1" step="$2" eps="$3" args=() progress=()
  [ -t 2 ] || progress=(--no-progress)
  local clients="${step##*-}"
  local conns=$(( clients < 8 ? clients : 8 ))
  case "$step" in
    put-*) args=(put --key-space "$KEY_SPACE") ;;
    range-l-*) args=(range --consistency l --key-space "$KEY_SPACE") ;;
    range-s-*) args=(range --consistency s --key-space "$KEY_SPACE") ;;
    txn-*) args=(txn --key-space 1000) ;;
    watch-*) args=(watch --rate 100); conns=$(( clients < 10 ? clients : 10 )) ;;
    *) die "unknown step $step" ;;
  esac
  local pids
  if [ "$system" = etcd ]; then pids="${pid_of[etcd-e1]},${pid_of[etcd-e2]},${pid_of[etcd-e3]}"
  else pids="${pid_of[keel-n1]},${pid_of[keel-n2]},${pid_of[keel-n3]}"; fi
  "$bench" kv "${args[@]}" --endpoints "$eps" --clients "$clients" --conns "$conns" \
    --server-pids "$pids" \
    --duration "$DURATION" --warmup "$WARMUP" --key-size "$KEY_SIZE" --val-size "$VAL_SIZE" \
    --name "$step" --label "$system" --json "$OUT/results/$step.$system.json" \
    --png "$OUT/charts/$step.$system.png" "${progress[@]}" | tee -a "$OUT/runs.txt"
}

rss_table() {
  local name pid
  printf '| process | pid | RSS MiB | peak RSS MiB |\n| --- | ---: | ---: | ---: |\n'
  for name in etcd-e1 etcd-e2 etcd-e3 keel-n1 keel-n2 keel-n3; do
    pid="${pid_of[$name]}"
    if [ -r "/proc/$pid/status" ]; then
      awk -v n="$name" -v p="$pid" '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2}
        END {printf "| %s | %s | %.0f | %.0f |\n", n, p, r/1024, h/1024}' "/proc/$pid/status"
    else
      printf '| %s | %s | (exited) | |\n' "$name" "$pid"
    fi
  done
  for system in etcd keel; do
    local total=0 kb
    for i in 1 2 3; do
      local n; [ "$system" = etcd ] && n="etcd-e$i" || n="keel-n$i"
      kb=$(awk '/^VmRSS/ {print $2}' "/proc/${pid_of[$n]}/status" 2>/dev/null || echo 0)
      total=$((total + kb))
    done
    echo "$system total RSS: $((total / 1024)) MiB"
    eval "rss_$system=$total"
  done
  # shellcheck disable=SC2154
  [ "$rss_etcd" -gt 0 ] && awk -v k="$rss_keel" -v e="$rss_etcd" \
    'BEGIN {printf "keel/etcd RSS: %.2f\n", k / e}'
}

{
  echo "# compare-etcd $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"\
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM,"\
    "disk $(df -h "$work" | awk 'NR==2 {print $1" ("$2")"}'), kernel $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1); etcd: $(etcd --version | head -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "steps: $STEPS; duration $DURATION after $WARMUP warm-up; values $VAL_SIZE B, keys $KEY_SIZE B," \
    "key space $KEY_SPACE; target $TARGET; preload $PRELOAD"
} | tee "$OUT/summary.md"

start_etcd
start_keel
etcd_eps="$(endpoints "$ETCD_PORT_BASE")"
keel_eps="$(endpoints "$KEEL_PORT_BASE")"
etcd_leader="$("$bench" leader --endpoints "$etcd_eps" --wait 60s)" || die "etcd has no leader; see $OUT/logs"
keel_leader="$("$bench" leader --endpoints "$keel_eps" --wait 90s)" || die "Keel has no leader; see $OUT/logs"
echo "etcd leader $etcd_leader, keel leader $keel_leader" | tee -a "$OUT/summary.md"
if [ "$TARGET" = leader ]; then etcd_target="$etcd_leader"; keel_target="$keel_leader"
else etcd_target="$etcd_eps"; keel_target="$keel_eps"; fi

for system in keel etcd; do
  [ "$PRELOAD" = 0s ] && break
  [ "$system" = keel ] && eps="$keel_target" || eps="$etcd_target"
  echo "preload $system: put, 64 in flight, $PRELOAD"
  "$bench" kv put --endpoints "$eps" --clients 64 --conns 8 --duration "$PRELOAD" \
    --key-size "$KEY_SIZE" --val-size "$VAL_SIZE" --key-space "$KEY_SPACE" --no-progress \
    --name preload --label "$system" >"$OUT/logs/preload-$system.txt"
done

n=0
for step in $STEPS; do
  # Alternate which system goes first, so a drift in the machine's load hits both alike.
  if [ $((n % 2)) = 0 ]; then
    run keel "$step" "$keel_target"; run etcd "$step" "$etcd_target"
  else
    run etcd "$step" "$etcd_target"; run keel "$step" "$keel_target"
  fi
  n=$((n + 1))
done

{
  echo
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "leaders at end: etcd $("$bench" leader --endpoints "$etcd_eps" --wait 10s)," \
    "keel $("$bench" leader --endpoints "$keel_eps" --wait 10s)"
  echo
  echo "## Keel / etcd (same client, same machine, same time; ratios > 1: Keel has more ops/s or a higher p99)"
  echo
  "$bench" compare --dir "$OUT/results" --target keel --base etcd --png "$OUT/compare.png"
  echo
  echo "## Memory after the run"
  echo
  rss_table
} | tee -a "$OUT/summary.md"
echo "results in $OUT (summary.md, compare.png, results/*.json, charts/*.png, logs/)"
