#!/usr/bin/env bash
# The gateway in front of ndxp-connector (a remote route) against haproxy and nginx grpc_pass in
# front of the same ndxp-connector, with h2load. Not a test: run by hand, results in
# docs/performance.md. Each proxy is pinned to core 1; the connector and h2load share core 0, the
# same for all three; rounds are interleaved and the median of each is reported.
#   Usage: tests/bench/proxy_compare.sh [BUILD_DIR] [REQUESTS] [ROUNDS]
# Needs haproxy and nginx (Debian packages; installed here when missing and running as root).
set -euo pipefail
BUILD=${1:-build}
N=${2:-100000}
ROUNDS=${3:-3}
C=${CLIENTS:-8}
M=${STREAMS:-16}
for tool in haproxy nginx h2load; do
  if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends haproxy nginx nghttp2-client >/dev/null
    else
      echo "proxy_compare: install haproxy, nginx and nghttp2-client first" >&2; exit 1
    fi
  fi
done
PATH=$PATH:/usr/sbin
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT
KEY=ndxp_bench_key
ID=$("$BUILD/gateway/ctl/ndxpctl" data sample --connector population --count 1)
printf '\x00\x00\x00\x00\x0e\x0a\x0c%s' "$ID" >"$WORK/request.bin"
CONNECTOR_PORT=57001 GATEWAY_PORT=57011 HAPROXY_PORT=57021 NGINX_PORT=57031

wait_for() {  # wait_for FILE TEXT: the server wrote TEXT (bounded)
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "proxy_compare: no '$2' in $1" >&2; cat "$1" >&2; exit 1
}
wait_port() {
  for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "proxy_compare: nothing listens on $1" >&2; exit 1
}

# The connector, without a caller-assertion key so that the three proxies are served alike.
taskset -c 0 "$BUILD/connectors/server/ndxp-connector" --connector population \
  --listen "127.0.0.1:$CONNECTOR_PORT" >/dev/null 2>"$WORK/connector.log" &
wait_for "$WORK/connector.log" "gRPC listening"

cat >"$WORK/gateway.yaml" <<YAML
clients:
  - id: "VN:PROV:79:ONESTOP"
    api_key_sha256: ["$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"]
    purposes: [administrative-procedure]
    allow: [{method: "*"}]
connectors:
  - name: business
upstreams:
  - service: ndxp.population.v1.PopulationService
    endpoints: ["127.0.0.1:$CONNECTOR_PORT"]
access_log:
  path: "${ACCESS_LOG:-/dev/null}"
YAML
taskset -c 1 "$BUILD/gateway/main/ndxp-gateway" --config "$WORK/gateway.yaml" \
  --grpc-listen "127.0.0.1:$GATEWAY_PORT" --http-listen 127.0.0.1:0 2>"$WORK/gateway.log" &
wait_for "$WORK/gateway.log" "HTTP listening"

cat >"$WORK/haproxy.cfg" <<CFG
global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend grpc
  bind 127.0.0.1:$HAPROXY_PORT proto h2
  default_backend connector
backend connector
  server c1 127.0.0.1:$CONNECTOR_PORT proto h2
CFG
taskset -c 1 haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
wait_port "$HAPROXY_PORT"

cat >"$WORK/nginx.conf" <<CFG
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  upstream connector { server 127.0.0.1:$CONNECTOR_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT http2;
    http2_max_concurrent_streams 256;
    http2_max_requests 100000000;
    keepalive_requests 100000000;
    location / { grpc_pass grpc://connector; }
  }
}
CFG
taskset -c 1 nginx -c "$WORK/nginx.conf" -p "$WORK" &
wait_port "$NGINX_PORT"

run() {  # run NAME PORT: prints req/s
  taskset -c 0 h2load -n "$N" -c "$C" -m "$M" -t 1 -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -d "$WORK/request.bin" \
    "http://127.0.0.1:$2/ndxp.population.v1.PopulationService/GetCitizen" >"$WORK/$1.txt"
  if ! grep -q "succeeded, 0 failed, 0 errored" "$WORK/$1.txt"; then
    echo "proxy_compare: $1 had failures:" >&2; grep requests: "$WORK/$1.txt" >&2
  fi
  sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/$1.txt"
}
latency() { sed -n 's/^time for request: *\([^ ]*\) *\([^ ]*\) *\([^ ]*\).*/mean \3/p' "$WORK/$1.txt"; }

direct=$(run warmup "$CONNECTOR_PORT")
for p in gateway haproxy nginx; do run "warmup-$p" "$(eval echo \$${p^^}_PORT)" >/dev/null; done
declare -A results
for r in $(seq 1 "$ROUNDS"); do
  for p in gateway haproxy nginx; do
    v=$(run "$p-$r" "$(eval echo \$${p^^}_PORT)")
    results[$p]="${results[$p]:-} $v"
    echo "round $r  $p: $v req/s ($(latency "$p-$r"))"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "connector alone (no proxy, h2load on the same core): $direct req/s"
for p in gateway haproxy nginx; do
  echo "median $p: $(echo "${results[$p]}" | median) req/s over$(echo "${results[$p]}")"
done
