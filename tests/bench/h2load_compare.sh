#!/usr/bin/env bash
# Throughput of GetCitizen through the gateway vs. a bare gRPC C++ server on the same data, with
# h2load (nghttp2-client). Not a test: run by hand on a quiet machine, results in
# docs/performance.md.   Usage: tests/bench/h2load_compare.sh [BUILD_DIR] [REQUESTS]
# BASELINE_BUILD=DIR also runs the ndxp-gateway of another build (an earlier commit) in the same
# rounds, so that a change's cost is measured side by side.
set -euo pipefail
BUILD=${1:-build}
N=${2:-200000}
C=${CLIENTS:-8}
M=${STREAMS:-16}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export NDXP_DEMO_API_KEY=ndxp_bench_key
ID=$("$BUILD/gateway/ctl/ndxpctl" data sample --connector population --count 1)

# A gRPC message frame: flag 0, 4-byte big-endian length, GetCitizenRequest{personal_id = ID}.
printf '\x00\x00\x00\x00\x0e\x0a\x0c%s' "$ID" >"$WORK/request.bin"

# Each server is pinned to core 1 and h2load to core 0, so that the two never share a core.
taskset -c 1 "$BUILD/tests/bench/bare/ndxp_bare_population_server" --listen 127.0.0.1:50061 2>"$WORK/bare.log" &
taskset -c 1 "$BUILD/gateway/main/ndxp-gateway" --grpc-listen 127.0.0.1:50071 --http-listen 127.0.0.1:0 \
  >/dev/null 2>"$WORK/gateway.log" &
if [ -n "${BASELINE_BUILD:-}" ]; then
  taskset -c 1 "$BASELINE_BUILD/gateway/main/ndxp-gateway" --grpc-listen 127.0.0.1:50081 \
    --http-listen 127.0.0.1:0 >/dev/null 2>"$WORK/baseline.log" &
else
  echo "HTTP listening" >"$WORK/baseline.log"
fi
for _ in $(seq 1 200); do
  grep -q listening "$WORK/bare.log" && grep -q "HTTP listening" "$WORK/gateway.log" &&
    grep -q "HTTP listening" "$WORK/baseline.log" && break
  sleep 0.1
done

# The gateway's calls must succeed (grpc-status 0), or the figures mean nothing.
curl -s --http2-prior-knowledge -o /dev/null -D "$WORK/check.h" -H 'content-type: application/grpc' \
  -H 'te: trailers' -H "x-api-key: $NDXP_DEMO_API_KEY" -H 'x-ndxp-purpose: administrative-procedure' \
  --data-binary @"$WORK/request.bin" "http://127.0.0.1:50071/ndxp.population.v1.PopulationService/GetCitizen"
grep -q "grpc-status: 0" "$WORK/check.h" || { echo "the gateway's call failed:"; cat "$WORK/check.h"; exit 1; }

run() {  # run NAME PORT
  taskset -c 0 h2load -n "$N" -c "$C" -m "$M" -t 1 -H 'content-type: application/grpc' -H 'te: trailers' \
    -H "x-api-key: $NDXP_DEMO_API_KEY" -H "x-ndxp-purpose: administrative-procedure" -d "$WORK/request.bin" \
    "http://127.0.0.1:$2/ndxp.population.v1.PopulationService/GetCitizen" >"$WORK/$1.txt"
  echo "== $1"; grep -E "^finished in|requests:|time for request" "$WORK/$1.txt"
}
run warmup-bare 50061 >/dev/null; run warmup-gateway 50071 >/dev/null
run bare 50061
run gateway 50071
bare=$(sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/bare.txt")
gw=$(sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/gateway.txt")
echo "gateway / bare = $(awk -v g="$gw" -v b="$bare" 'BEGIN { printf "%.1f%%", 100 * g / b }')"
if [ -n "${BASELINE_BUILD:-}" ]; then
  run warmup-baseline 50081 >/dev/null
  run baseline 50081
  base=$(sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/baseline.txt")
  echo "baseline / bare = $(awk -v g="$base" -v b="$bare" 'BEGIN { printf "%.1f%%", 100 * g / b }')"
fi

# Latency with one call in flight: the median (p50) time per request for each, from h2load's
# per-request log (microseconds), and what the gateway adds.
latency() {  # latency NAME PORT
  taskset -c 0 h2load -n "${LATENCY_REQUESTS:-20000}" -c 1 -m 1 -t 1 -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "x-api-key: $NDXP_DEMO_API_KEY" -H "x-ndxp-purpose: administrative-procedure" -d "$WORK/request.bin" \
    --log-file="$WORK/$1.log" \
    "http://127.0.0.1:$2/ndxp.population.v1.PopulationService/GetCitizen" >/dev/null
  awk '{print $3}' "$WORK/$1.log" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
bare_p50=$(latency bare-latency 50061)
gw_p50=$(latency gateway-latency 50071)
echo "p50 at one call in flight: bare ${bare_p50} us, gateway ${gw_p50} us, added $((gw_p50 - bare_p50)) us"
if [ -n "${BASELINE_BUILD:-}" ]; then
  base_p50=$(latency baseline-latency 50081)
  echo "p50 at one call in flight: baseline ${base_p50} us, added $((base_p50 - bare_p50)) us"
fi
