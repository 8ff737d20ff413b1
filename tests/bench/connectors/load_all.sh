#!/usr/bin/env bash
# Load time and memory of the built-in connectors: the gateway on the embedded default (every
# built-in connector at its default scale) started ROUNDS times; for each start, the time it logs
# for building its connectors ("N in-process connectors, M methods ready in X s"), the wall time
# from exec to listening, and its resident set (VmRSS, VmHWM) once listening. Then, per connector,
# the time `ndxpctl data sample` takes to build it alone (with the stores it reads). Not a test:
# run by hand; results in docs/performance.md.
#   Usage: tests/bench/connectors/load_all.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
BUILD=${1:-build}
ROUNDS=${2:-3}
WORK=$(mktemp -d)
GW_PID=""
trap '[ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
now_ms() { echo $(($(date +%s%N) / 1000000)); }

for round in $(seq 1 "$ROUNDS"); do
  start=$(now_ms)
  NDXP_DEMO_API_KEY=ndxp_load_bench_key_000000000001 "$BUILD/gateway/main/ndxp-gateway" \
    --data-dir "$WORK/data-$round" --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
    >/dev/null 2>"$WORK/gw.log" &
  GW_PID=$!
  for _ in $(seq 1 1200); do
    grep -q "HTTP listening" "$WORK/gw.log" 2>/dev/null && break
    kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gw.log"; exit 1; }
    sleep 0.05
  done
  listening=$(($(now_ms) - start))
  ready=$(sed -n 's/.*in-process connectors, .* ready in \([0-9.]*\) s.*/\1/p' "$WORK/gw.log")
  count=$(sed -n 's/.* \([0-9]*\) in-process connectors, \([0-9]*\) methods.*/\1 connectors, \2 methods/p' "$WORK/gw.log")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status")
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$GW_PID/status")
  printf 'start %d: %s built in %s s; listening after %d ms; RSS %d MiB (peak %d MiB)\n' \
    "$round" "$count" "$ready" "$listening" $((rss / 1024)) $((hwm / 1024))
  kill -TERM "$GW_PID"
  wait "$GW_PID" || true
  GW_PID=""
done

echo "per connector (ndxpctl data sample --count 1 on a configuration of that connector alone:"
echo "it and the stores it reads, e.g. business with its citizens; ndxpctl's own start included):"
for name in $("$BUILD/gateway/ctl/ndxpctl" config default | sed -n 's/^  - name: "\(.*\)"$/\1/p'); do
  printf 'connectors:\n  - name: %s\n' "$name" >"$WORK/$name.yaml"
  start=$(now_ms)
  "$BUILD/gateway/ctl/ndxpctl" data sample --connector "$name" --count 1 --config "$WORK/$name.yaml" >/dev/null
  printf '  %-14s %5d ms\n' "$name" $(($(now_ms) - start))
done
