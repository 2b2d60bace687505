#!/usr/bin/env bash
# Two builds of Keel side by side (before/after a change): starts a 3-replica group from each
# jar on loopback and runs the same put steps against both leaders, alternating which goes
# first, ROUNDS times; prints an after/before ratio table. Everything it starts is stopped on exit.
#
#   bench/ab-keel.sh BEFORE.jar AFTER.jar      (e.g. a copy of cli/target/keel.jar, then a rebuild)
#
# Environment: DURATION [8s], WARMUP [2s], ROUNDS [2], STEPS [put-1 put-16 put-64 put-256],
#   VAL_SIZE [256], KEY_SPACE [100000], A_PORT_BASE [31390], B_PORT_BASE [32390],
#   OUT [bench/target/ab-keel/<time>].
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../bin/java-options.sh
source "$root/bin/java-options.sh"
[ $# = 2 ] && [ -f "$1" ] && [ -f "$2" ] || { echo "usage: $0 BEFORE.jar AFTER.jar" >&2; exit 2; }
jar_a="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
jar_b="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
DURATION="${DURATION:-8s}"
WARMUP="${WARMUP:-2s}"
ROUNDS="${ROUNDS:-2}"
STEPS="${STEPS:-put-1 put-16 put-64 put-256}"
VAL_SIZE="${VAL_SIZE:-256}"
KEY_SPACE="${KEY_SPACE:-100000}"
A_PORT_BASE="${A_PORT_BASE:-31390}"
B_PORT_BASE="${B_PORT_BASE:-32390}"
OUT="${OUT:-$root/bench/target/ab-keel/$(date +%Y%m%d-%H%M%S)}"
bench="$root/bench/keel-bench"

work="$(mktemp -d -t keel-ab-XXXXXX)"
mkdir -p "$OUT/results" "$OUT/logs"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_group() { # start_group <name> <jar> <port base>
  local name="$1" jar="$2" base="$3" peers="" i
  for i in 1 2 3; do peers+="${peers:+,}n$i=127.0.0.1:$((base + 10 * (i - 1) + 1))"; done
  for i in 1 2 3; do
    local cp=$((base + 10 * (i - 1)))
    java $(keel_default_java_opts) ${KEEL_JAVA_OPTS:-} -jar "$jar" store --id "n$i" --data-dir "$work/$name/n$i" \
      --client-port "$cp" --peer-port "$((cp + 1))" --peers "$peers" \
      >"$OUT/logs/$name-n$i.log" 2>&1 &
    pids+=($!)
  done
}

endpoints() { echo "127.0.0.1:$1,127.0.0.1:$(($1 + 10)),127.0.0.1:$(($1 + 20))"; }

start_group before "$jar_a" "$A_PORT_BASE"
pids_a="$(IFS=,; echo "${pids[*]:0:3}")"
start_group after "$jar_b" "$B_PORT_BASE"
pids_b="$(IFS=,; echo "${pids[*]:3:3}")"
leader_a="$("$bench" leader --endpoints "$(endpoints "$A_PORT_BASE")" --wait 90s)"
leader_b="$("$bench" leader --endpoints "$(endpoints "$B_PORT_BASE")" --wait 90s)"
echo "before: $jar_a (leader $leader_a); after: $jar_b (leader $leader_b)" | tee "$OUT/summary.md"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.md"

run() { # run <label> <endpoint> <step> <round> <pids>
  local clients="${3##*-}" group_pids="$5"
  local conns=$(( clients < 8 ? clients : 8 ))
  "$bench" kv put --endpoints "$2" --clients "$clients" --conns "$conns" \
    --duration "$DURATION" --warmup "$WARMUP" --key-size 16 --val-size "$VAL_SIZE" \
    --key-space "$KEY_SPACE" --server-pids "$group_pids" --name "$3#$4" --label "$1" --no-progress \
    --json "$OUT/results/$3#$4.$1.json" >>"$OUT/runs.txt"
}

n=0
for round in $(seq 1 "$ROUNDS"); do
  for step in $STEPS; do
    if [ $((n % 2)) = 0 ]; then
      run before "$leader_a" "$step" "$round" "$pids_a"
      run after "$leader_b" "$step" "$round" "$pids_b"
    else
      run after "$leader_b" "$step" "$round" "$pids_b"
      run before "$leader_a" "$step" "$round" "$pids_a"
    fi
    n=$((n + 1))
  done
done

{
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  "$bench" compare --dir "$OUT/results" --target after --base before --scaling "put-1#1:put-64#1"
} | tee -a "$OUT/summary.md"
