#!/usr/bin/env bash
# A real Prometheus (Debian's) scraping a real gateway under load, with our recording and alert
# rules loaded: every dashboard panel's query and every recording rule, through Prometheus's HTTP
# API, must run without error and return series.
#
# The gateway has what the dashboards show: TLS on the gRPC listener (certificate expiry,
# handshake counters), population in-process and business remote behind it (upstream panels), a
# province with a quota and one with a rate limit (limits, quotas), the audit log and the ledger;
# the load has good calls, refused credentials and policy refusals.
source "$NDXP_SOURCE_DIR/tests/integration/lib.sh"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

bash "$NDXP_SOURCE_DIR/scripts/dev-ca.sh" "$WORK/pki" >/dev/null

# ndxp-connector serving business, behind the gateway.
"$NDXP_CONNECTOR" --connector business --listen 127.0.0.1:0 >/dev/null 2>"$WORK/connector.err" &
CONNECTOR_PID=$!
connector_listening() { grep -q "gRPC listening on" "$WORK/connector.err"; }
wait_until 60 "ndxp-connector to listen" connector_listening
CONNECTOR_PORT=$(sed -n 's/.*gRPC listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$WORK/connector.err" | head -n1)

KEY79=ndxp_live_test_key_for_province_79_000001
KEY01=ndxp_live_test_key_for_province_01_000001
# Province 01 in a registry file of its own (the reload counters), with a rate limit.
cat >"$WORK/registry.yaml" <<YAML
clients:
  - id: "VN:PROV:01:ONESTOP"
    api_key_sha256: ["$(printf %s "$KEY01" | "$NDXP_CTL" key hash)"]
    purposes: [administrative-procedure]
    allow: [{method: "ndxp.business.v1.BusinessRegistryService/*"}]
    limits: {rate: 5/s, burst: 5}
YAML
cat >"$WORK/gateway.yaml" <<YAML
grpc:
  tls: {cert_file: "$WORK/pki/server.crt", key_file: "$WORK/pki/server.key"}
clients:
  - id: "VN:PROV:79:ONESTOP"
    api_key_sha256: ["$(printf %s "$KEY79" | "$NDXP_CTL" key hash)"]
    purposes: [administrative-procedure]
    allow: [{method: "*"}]
    limits: {quota_daily: 100000000, quota_monthly: 1000000000}
client_registry: "$WORK/registry.yaml"
connectors:
  - name: population
upstreams:
  - service: ndxp.business.v1.BusinessRegistryService
    endpoints: ["127.0.0.1:$CONNECTOR_PORT"]
audit:
  durability: batched
ledger:
  flush_interval: 200ms
YAML
start_gateway --config "$WORK/gateway.yaml"

PROM_PORT=$(free_port)
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - "$NDXP_SOURCE_DIR/deploy/prometheus/rules/recording.yml"
  - "$NDXP_SOURCE_DIR/deploy/prometheus/rules/alerts.yml"
scrape_configs:
  - job_name: ndxp-gateway
    static_configs:
      - targets: ["127.0.0.1:$HTTP_PORT"]
YAML
promtool check config "$WORK/prometheus.yml" >/dev/null || fail "test prometheus.yml"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
PROM="http://127.0.0.1:$PROM_PORT"
trap 'kill $LOAD_PIDS $PROM_PID $CONNECTOR_PID 2>/dev/null || true; cleanup' EXIT
prometheus_ready() { curl -sf "$PROM/-/ready" >/dev/null; }
wait_until 60 "Prometheus to be ready" prometheus_ready

# Load, until the queries are done: good lookups over TLS (h2load), remote business calls over
# the rate limit, a wrong key, a method outside the grant, a missing purpose.
ID=$(sample_id population 1)
ENT=$("$NDXP_CTL" data sample --connector business --count 1)
python3 - "$ID" >"$WORK/citizen.bin" <<'PY'
import sys
pid = sys.argv[1].encode()
msg = b"\x0a" + bytes([len(pid)]) + pid           # GetCitizenRequest.personal_id = 1
sys.stdout.buffer.write(b"\x00" + len(msg).to_bytes(4, "big") + msg)
PY
P="x-ndxp-purpose: administrative-procedure"
LOAD_PIDS=""
(while :; do
  h2load -n 2000 -c 2 -m 8 -d "$WORK/citizen.bin" -H "content-type: application/grpc" -H "te: trailers" \
    -H "x-api-key: $KEY79" -H "$P" \
    "https://127.0.0.1:$GRPC_PORT/ndxp.population.v1.PopulationService/GetCitizen" >/dev/null 2>&1
  sleep 0.2
done) &
LOAD_PIDS="$LOAD_PIDS $!"
(while :; do
  curl -s -o /dev/null -H "x-api-key: $KEY01" -H "$P" "$HTTP_URL/v1/enterprises/$ENT"
  curl -s -o /dev/null -H "x-api-key: $KEY79" -H "$P" "$HTTP_URL/v1/enterprises/$ENT"
  curl -s -o /dev/null -H "x-api-key: wrong-key" -H "$P" "$HTTP_URL/v1/citizens/$ID"
  curl -s -o /dev/null -H "x-api-key: $KEY01" -H "$P" "$HTTP_URL/v1/citizens/$ID"
  curl -s -o /dev/null -H "x-api-key: $KEY79" "$HTTP_URL/v1/citizens/$ID"
  sleep 0.05
done) &
LOAD_PIDS="$LOAD_PIDS $!"

# Enough scrapes for rate() over 30s windows and for the recording rules to have run.
enough_samples() {
  curl -s "$PROM/api/v1/query" --data-urlencode 'query=count_over_time(up{job="ndxp-gateway"}[1m]) >= 20' \
    | grep -q '"result":\[{'
}
wait_until 90 "20 scrapes of the gateway" enough_samples
pass "Prometheus scraped the gateway 20 times"
up=$(curl -s "$PROM/api/v1/query" --data-urlencode 'query=up{job="ndxp-gateway"}')
expect_contains "$up" '"value":[' "the scrape target is up"
expect_contains "$up" '"1"]' "the scrape target is up (1)"

python3 "$NDXP_SOURCE_DIR/tests/ops/query_all.py" "$PROM" "$NDXP_SOURCE_DIR" \
  || fail "dashboard queries or recording rules"
pass "every dashboard query and recording rule returns series"
