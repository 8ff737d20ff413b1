#!/usr/bin/env bash
# Identity and policy on the hot path, over TLS: GetCitizen through the gateway with TLS on the
# gRPC listener, the caller identified by an API key or by a JWT (RS256), its grant carrying a
# response field mask, against the bare gRPC C++ server with gRPC's own TLS, with h2load over
# TLS (h2load cannot present a client certificate, so mutual TLS is left to the project's load
# tool). Then new TLS connections per second (openssl s_time -new) to the gateway's HTTP listener
# against `openssl s_server` with the same certificate: what the gateway adds to OpenSSL's cost.
# Not a test: run by hand on a quiet machine; results in docs/performance.md.
#   Usage: tests/bench/tls_compare.sh [BUILD_DIR] [REQUESTS]
set -euo pipefail
BUILD=${1:-build}
N=${2:-200000}
C=${CLIENTS:-8}
M=${STREAMS:-16}
ROUNDS=${ROUNDS:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
KEY=ndxp_bench_key_for_tls_compare_0001
ID=$("$BUILD/gateway/ctl/ndxpctl" data sample --connector population --count 1)
printf '\x00\x00\x00\x00\x0e\x0a\x0c%s' "$ID" >"$WORK/request.bin"
bash "$ROOT/scripts/dev-ca.sh" "$WORK/pki" >/dev/null 2>&1
PKI=$WORK/pki

# An RSA key for JWTs, its JWKS, and a token for the client (RS256: header.payload signed with
# PKCS#1 v1.5 over SHA-256).
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl genrsa -out "$WORK/jwt.key" 2048 2>/dev/null
N_B64=$(openssl rsa -in "$WORK/jwt.key" -noout -modulus 2>/dev/null | cut -d= -f2 | xxd -r -p | b64url)
printf '{"keys":[{"kty":"RSA","kid":"bench","use":"sig","alg":"RS256","n":"%s","e":"AQAB"}]}' \
  "$N_B64" >"$WORK/jwks.json"
HEADER=$(printf '{"alg":"RS256","kid":"bench","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"iss":"bench","aud":"ndxp-gateway","client_id":"VN:PROV:79:ONESTOP","exp":%d}' \
  $(($(date +%s) + 3600)) | b64url)
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/jwt.key" | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIG"

cat >"$WORK/gateway.yaml" <<YAML
clients:
  - id: "VN:PROV:79:ONESTOP"
    api_key_sha256: ["$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)"]
    purposes: [administrative-procedure]
    allow:
      - method: ndxp.population.v1.PopulationService/GetCitizen
        fields: [citizen.personal_id, citizen.full_name, citizen.date_of_birth]
jwt:
  jwks_file: "$WORK/jwks.json"
  issuers: [bench]
  audiences: [ndxp-gateway]
grpc:
  tls: {cert_file: "$PKI/server.crt", key_file: "$PKI/server.key"}
http:
  tls: {cert_file: "$PKI/server.crt", key_file: "$PKI/server.key"}
access_log: {path: ""}
YAML

# Servers on core 1, clients on core 0.
taskset -c 1 "$BUILD/tests/bench/bare/ndxp_bare_population_server" --listen 127.0.0.1:50261 \
  --tls-cert "$PKI/server.crt" --tls-key "$PKI/server.key" 2>"$WORK/bare.log" &
taskset -c 1 "$BUILD/gateway/main/ndxp-gateway" --config "$WORK/gateway.yaml" \
  --grpc-listen 127.0.0.1:50271 --http-listen 127.0.0.1:50272 >/dev/null 2>"$WORK/gateway.log" &
for _ in $(seq 1 300); do
  grep -q listening "$WORK/bare.log" && grep -q "HTTP listening" "$WORK/gateway.log" && break
  sleep 0.1
done

# The calls must succeed (grpc-status 0) and come back masked, or the figures mean nothing.
check() {  # check NAME HEADER
  curl -s --cacert "$PKI/ca.crt" --http2 -o "$WORK/check.bin" -D "$WORK/check.h" \
    -H 'content-type: application/grpc' -H 'te: trailers' -H "$2" \
    -H 'x-ndxp-purpose: administrative-procedure' --data-binary @"$WORK/request.bin" \
    "https://localhost:50271/ndxp.population.v1.PopulationService/GetCitizen"
  grep -q "grpc-status: 0" "$WORK/check.h" || { echo "$1: the call failed:"; cat "$WORK/check.h"; exit 1; }
}
check api-key "x-api-key: $KEY"
check jwt "authorization: Bearer $TOKEN"

run() {  # run NAME PORT [HEADER]
  taskset -c 0 h2load -n "$N" -c "$C" -m "$M" -t 1 -H 'content-type: application/grpc' \
    -H 'te: trailers' -H 'x-ndxp-purpose: administrative-procedure' ${3:+-H "$3"} \
    -d "$WORK/request.bin" "https://127.0.0.1:$2/ndxp.population.v1.PopulationService/GetCitizen" \
    >"$WORK/$1.txt"
  sed -n 's/.*, \([0-9.]*\) req\/s.*/\1/p' "$WORK/$1.txt"
}
run warmup 50261 >/dev/null
run warmup 50271 "x-api-key: $KEY" >/dev/null
echo "round | bare TLS req/s | gateway TLS + API key + mask | ratio | gateway TLS + JWT + mask | ratio"
for r in $(seq 1 "$ROUNDS"); do
  bare=$(run bare 50261)
  key=$(run key 50271 "x-api-key: $KEY")
  jwt=$(run jwt 50271 "authorization: Bearer $TOKEN")
  awk -v r="$r" -v b="$bare" -v k="$key" -v j="$jwt" \
    'BEGIN { printf "%d | %.0f | %.0f | %.1f%% | %.0f | %.1f%%\n", r, b, k, 100*k/b, j, 100*j/b }'
done

# New TLS connections per second: the gateway's HTTP listener against openssl s_server, the same
# certificate (ECDSA P-256), TLS 1.3, both on core 1.
taskset -c 1 openssl s_server -quiet -accept 127.0.0.1:50281 -cert "$PKI/server.crt" \
  -key "$PKI/server.key" -www >/dev/null 2>&1 &
sleep 0.5
handshakes() {  # handshakes PORT: new connections (full handshakes) per wall-clock second
  local start end count
  start=$(date +%s.%N)
  count=$(taskset -c 0 openssl s_time -connect "127.0.0.1:$1" -new -time "${SECONDS_PER_RUN:-10}" \
    -CAfile "$PKI/ca.crt" 2>/dev/null | sed -n 's/^\([0-9]*\) connections in [0-9.]*s;.*/\1/p' | head -1)
  end=$(date +%s.%N)
  awk -v n="$count" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }'
}
echo "round | openssl s_server handshakes/s | gateway HTTP listener handshakes/s | ratio"
for r in $(seq 1 "$ROUNDS"); do
  s=$(handshakes 50281)
  g=$(handshakes 50272)
  awk -v r="$r" -v s="$s" -v g="$g" 'BEGIN { printf "%d | %s | %s | %.1f%%\n", r, s, g, 100*g/s }'
done
