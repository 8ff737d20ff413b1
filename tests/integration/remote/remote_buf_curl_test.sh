#!/usr/bin/env bash
# buf curl (and curl) through the remote route: a gateway whose population and business services
# are served by an ndxp-connector process answers exactly as the gateway that runs them
# in-process: reflection listings, unary calls over gRPC and Connect, a server stream, REST, and
# an error. Needs NDXP_CONNECTOR besides what lib.sh needs.
source "$(dirname "$0")/../lib.sh"
BUF="$NDXP_BUF"
PIDS=()

stop_all() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap stop_all EXIT

# start NAME LABEL BINARY ARGS...: runs it with output in $WORK/NAME.{out,err}, waits (bounded)
# until it prints "LABEL listening on HOST:PORT", sets PORT to that port.
start() {
  local name=$1 label=$2
  shift 2
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    if grep -q "$label listening on" "$WORK/$name.err" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$name.err" >&2; fail "$name exited during start"; }
    sleep 0.05
  done
  PORT=$(sed -n "s/.*$label listening on [^ ]*:\([0-9][0-9]*\).*/\1/p" "$WORK/$name.err" | head -n1)
  [ -n "$PORT" ] || fail "$name did not print its $label port"
}

head -c 48 /dev/urandom | base64 >"$WORK/upstream.key"
cat >"$WORK/connector.yaml" <<EOF
upstream_identity:
  key_file: "$WORK/upstream.key"
access_log:
  path: "$WORK/connector.access.log"
EOF
start connector gRPC "$NDXP_CONNECTOR" --connector population,business --listen 127.0.0.1:0 \
  --config "$WORK/connector.yaml"
CONNECTOR="127.0.0.1:$PORT"

# The connector on its own: reflection and health, without credentials, as any gRPC server.
services=$("$NDXP_BUF" curl --protocol grpc --http2-prior-knowledge --list-services "http://$CONNECTOR") ||
  fail "reflection on the connector failed"
for s in ndxp.population.v1.PopulationService ndxp.business.v1.BusinessRegistryService \
         grpc.health.v1.Health grpc.reflection.v1.ServerReflection; do
  grep -qx "$s" <<<"$services" || fail "the connector does not list $s: $services"
done
health=$("$NDXP_BUF" curl --protocol grpc --http2-prior-knowledge \
  -d '{"service": "ndxp.population.v1.PopulationService"}' \
  "http://$CONNECTOR/grpc.health.v1.Health/Check") || fail "health check on the connector failed"
grep -q '"status": "SERVING"' <<<"$health" || fail "the connector is not SERVING: $health"
pass "the connector serves its own reflection and health"

DIGEST=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
gateway_config() {  # gateway_config FILE [extra yaml]
  cat >"$1" <<EOF
clients:
  - id: "VN:PROV:79:ONESTOP"
    api_key_sha256: ["$DIGEST"]
    purposes: [administrative-procedure]
    allow: [{method: "*"}]
access_log:
  path: ""
${2:-}
EOF
}
gateway_config "$WORK/inprocess.yaml"
gateway_config "$WORK/remote.yaml" "upstream_identity:
  key_file: \"$WORK/upstream.key\"
upstreams:
  - service: ndxp.population.v1.PopulationService
    endpoints: [\"$CONNECTOR\"]
  - service: ndxp.business.v1.BusinessRegistryService
    endpoints: [\"$CONNECTOR\"]"

start remote-gw HTTP "$NDXP_GATEWAY" --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
  --config "$WORK/remote.yaml" --data-dir "$(mktemp -d "$WORK/remote-data.XXXXXX")"
R_HTTP="http://127.0.0.1:$PORT"
R_GRPC="http://127.0.0.1:$(sed -n 's/.*gRPC listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' \
  "$WORK/remote-gw.err" | head -n1)"
grep -q "routed to 1 endpoint" "$WORK/remote-gw.err" || fail "the remote gateway routes no upstream"
start inprocess-gw HTTP "$NDXP_GATEWAY" --grpc-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
  --config "$WORK/inprocess.yaml" --data-dir "$(mktemp -d "$WORK/inprocess-data.XXXXXX")"
I_HTTP="http://127.0.0.1:$PORT"
I_GRPC="http://127.0.0.1:$(sed -n 's/.*gRPC listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' \
  "$WORK/inprocess-gw.err" | head -n1)"

ID=$(sample_id population 2)
CODE=$(sample_id business)
SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
grpc_curl() { "$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$@"; }
connect_curl() { "$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$@"; }

# same WHAT REMOTE_OUTPUT INPROCESS_OUTPUT: identical and not empty.
same() {
  [ -n "$2" ] || fail "$1: empty output"
  if [ "$2" = "$3" ]; then pass "$1"; else
    diff <(echo "$3") <(echo "$2") | head -n 20 >&2
    fail "$1: remote and in-process outputs differ (diff in-process -> remote above)"
  fi
}

r=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-services "$R_GRPC" | sort)
i=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-services "$I_GRPC" | sort)
expect_contains "$r" "ndxp.population.v1.PopulationService" "remote list-services shows population"
same "list-services over reflection" "$r" "$i"

r=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-methods "$R_GRPC" | sort)
i=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-methods "$I_GRPC" | sort)
expect_contains "$r" "ndxp.business.v1.BusinessRegistryService/StreamEnterprises" \
  "remote list-methods shows StreamEnterprises"
same "list-methods over reflection" "$r" "$i"

body="{\"personal_id\":\"$ID\"}"
r=$(grpc_curl -d "$body" "$R_GRPC/ndxp.population.v1.PopulationService/GetCitizen")
i=$(grpc_curl -d "$body" "$I_GRPC/ndxp.population.v1.PopulationService/GetCitizen")
expect_contains "$r" "\"personalId\": \"$ID\"" "GetCitizen over gRPC through the remote route"
same "GetCitizen over gRPC (reflection)" "$r" "$i"

r=$(connect_curl -d "$body" "$R_HTTP/ndxp.population.v1.PopulationService/GetCitizen")
i=$(connect_curl -d "$body" "$I_HTTP/ndxp.population.v1.PopulationService/GetCitizen")
expect_contains "$r" "\"personalId\": \"$ID\"" "GetCitizen over Connect through the remote route"
same "GetCitizen over Connect" "$r" "$i"

r=$(grpc_curl -d "{\"enterprise_code\":\"$CODE\"}" \
  "$R_GRPC/ndxp.business.v1.BusinessRegistryService/GetEnterprise")
i=$(grpc_curl -d "{\"enterprise_code\":\"$CODE\"}" \
  "$I_GRPC/ndxp.business.v1.BusinessRegistryService/GetEnterprise")
same "GetEnterprise over gRPC" "$r" "$i"

r=$(grpc_curl -d '{"province_code":"48"}' \
  "$R_GRPC/ndxp.business.v1.BusinessRegistryService/StreamEnterprises")
i=$(grpc_curl -d '{"province_code":"48"}' \
  "$I_GRPC/ndxp.business.v1.BusinessRegistryService/StreamEnterprises")
count=$(grep -c '"enterpriseCode"' <<<"$r" || true)
[ "$count" -gt 100 ] || fail "StreamEnterprises through the remote route: only $count items"
same "StreamEnterprises (server stream, $count records) over gRPC" "$r" "$i"

r=$(curl -sS -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$R_HTTP/v1/citizens/$ID")
i=$(curl -sS -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$I_HTTP/v1/citizens/$ID")
same "REST GET /v1/citizens/{id}" "$r" "$i"

set +e
r=$(connect_curl -d '{"personal_id":"12AB"}' \
  "$R_HTTP/ndxp.population.v1.PopulationService/GetCitizen" 2>&1)
rc_r=$?
i=$(connect_curl -d '{"personal_id":"12AB"}' \
  "$I_HTTP/ndxp.population.v1.PopulationService/GetCitizen" 2>&1)
set -e
[ $rc_r -ne 0 ] || fail "malformed id accepted through the remote route"
expect_contains "$r" "invalid_argument" "malformed id over Connect is invalid_argument"
same "malformed id over Connect (error and details)" "$r" "$i"

grep -q '"credential":"gateway_assertion"' "$WORK/connector.access.log" ||
  fail "the connector did not log the gateway's assertion"
pass "the connector identified the gateway's calls by assertion"
