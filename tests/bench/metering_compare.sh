#!/usr/bin/env bash
# Metering on the hot path: GetCitizen (personal data) through the gateway with a client that has
# a rate limit, a per-connector rate limit, daily and monthly quotas, with the usage ledger and
# the audit log on, under audit.durability batched and strict, against the bare gRPC C++ server,
# with h2load. Rounds are interleaved (the machine is noisy) and medians reported.
# BASELINE_BUILD=DIR also runs the embedded default of another build (e.g. the commit before
# metering) in the same rounds. Not a test: run by hand; results in docs/performance.md.
#   Usage: tests/bench/metering_compare.sh [BUILD_DIR] [REQUESTS]
set -euo pipefail
BUILD=${1:-build}
N=${2:-200000}
C=${CLIENTS:-8}
M=${STREAMS:-16}
ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
KEY=ndxp_bench_key_for_metering_compare_01
ID=$("$BUILD/gateway/ctl/ndxpctl" data sample --connector population --count 1)
printf '\x00\x00\x00\x00\x0e\x0a\x0c%s' "$ID" >"$WORK/request.bin"

config() {  # config DURABILITY
  cat <<YAML
clients:
  - id: "VN:PROV:79:ONESTOP"
    api_key_sha256: ["$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"]
    purposes: [administrative-procedure]
    allow: [{method: "*"}]
    limits:
      rate: 1000000/s
      burst: 1000000
      quota_daily: 1000000000000
      quota_monthly: 1000000000000
      connectors: [{connector: population, rate: 1000000/s, quota_daily: 1000000000000}]
audit:
  durability: $1
YAML
}
config batched >"$WORK/batched.yaml"
config strict >"$WORK/strict.yaml"

# Servers on core 1, h2load on core 0.
taskset -c 1 "$BUILD/tests/bench/bare/ndxp_bare_population_server" --listen 127.0.0.1:50361 2>"$WORK/bare.log" &
taskset -c 1 "$BUILD/gateway/main/ndxp-gateway" --config "$WORK/batched.yaml" --data-dir "$WORK/data-batched" \
  --grpc-listen 127.0.0.1:50371 --http-listen 127.0.0.1:0 >/dev/null 2>"$WORK/batched.log" &
taskset -c 1 "$BUILD/gateway/main/ndxp-gateway" --config "$WORK/strict.yaml" --data-dir "$WORK/data-strict" \
  --grpc-listen 127.0.0.1:50381 --http-listen 127.0.0.1:0 >/dev/null 2>"$WORK/strict.log" &
names="bare batched strict"
if [ -n "${BASELINE_BUILD:-}" ]; then
  (cd "$WORK" && NDXP_DEMO_API_KEY=$KEY exec taskset -c 1 "$BASELINE_BUILD/gateway/main/ndxp-gateway" \
    --grpc-listen 127.0.0.1:50391 --http-listen 127.0.0.1:0 >/dev/null 2>"$WORK/baseline.log") &
  names="$names baseline"
fi
port() { case $1 in bare) echo 50361 ;; batched) echo 50371 ;; strict) echo 50381 ;; baseline) echo 50391 ;; esac; }
for _ in $(seq 1 300); do
  ready=1
  for n in $names; do grep -q listening "$WORK/$n.log" || ready=0; done
  [ $ready = 1 ] && break
  sleep 0.1
done

for n in $names; do
  [ "$n" = bare ] && continue
  curl -s --http2-prior-knowledge -o /dev/null -D "$WORK/check.h" -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "x-api-key: $KEY" -H 'x-ndxp-purpose: administrative-procedure' \
    --data-binary @"$WORK/request.bin" "http://127.0.0.1:$(port "$n")/ndxp.population.v1.PopulationService/GetCitizen"
  grep -q "grpc-status: 0" "$WORK/check.h" || { echo "$n: the call failed:"; cat "$WORK/check.h"; exit 1; }
done

run() {  # run NAME ROUND
  taskset -c 0 h2load -n "$N" -c "$C" -m "$M" -t 1 -H 'content-type: application/grpc' -H 'te: trailers' \
    -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -d "$WORK/request.bin" \
    "http://127.0.0.1:$(port "$1")/ndxp.population.v1.PopulationService/GetCitizen" >"$WORK/$1.$2.txt"
  grep -q " 0 failed, 0 errored" "$WORK/$1.$2.txt" || { echo "$1: errors"; grep requests: "$WORK/$1.$2.txt"; exit 1; }
  sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/$1.$2.txt" >>"$WORK/$1.rps"
}
for n in $names; do run "$n" warmup; : >"$WORK/$n.rps"; done
for r in $(seq 1 "$ROUNDS"); do for n in $names; do run "$n" "$r"; done; done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bare=$(median "$WORK/bare.rps")
for n in $names; do
  v=$(median "$WORK/$n.rps")
  printf '%-9s median %8.0f req/s  (%s)  %s of bare\n' "$n" "$v" "$(tr '\n' ' ' <"$WORK/$n.rps")" \
    "$(awk -v g="$v" -v b="$bare" 'BEGIN { printf "%.1f%%", 100 * g / b }')"
done

# Latency with one call in flight (p50 of h2load's per-request log, microseconds).
latency() {
  taskset -c 0 h2load -n "${LATENCY_REQUESTS:-20000}" -c 1 -m 1 -t 1 -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -d "$WORK/request.bin" \
    --log-file="$WORK/$1.lat" "http://127.0.0.1:$(port "$1")/ndxp.population.v1.PopulationService/GetCitizen" >/dev/null
  awk '{print $3}' "$WORK/$1.lat" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
for n in $names; do echo "p50 at one call in flight: $n $(latency "$n") us"; done
