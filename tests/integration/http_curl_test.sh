#!/usr/bin/env bash
# The HTTP listener with curl: REST mappings, Connect calls, probes, /metrics through promtool,
# and every bad input answered with its documented status.
source "$(dirname "$0")/lib.sh"
start_gateway
ID=$(sample_id population)
CODE=$(sample_id business)
SVC="$HTTP_URL/ndxp.population.v1.PopulationService"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

expect_eq "$(status_of "$HTTP_URL/healthz")" 200 "/healthz"
expect_eq "$(status_of "$HTTP_URL/readyz")" 200 "/readyz"

# REST mappings from google.api.http.
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$HTTP_URL/v1/citizens/$ID")" 200 "REST GET citizen"
expect_contains "$(cat "$WORK/body")" "\"personalId\":\"$ID\"" "REST GET citizen body"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -X POST -H 'content-type: application/json' \
  -d '{"full_name":"Không Có Tên"}' "$HTTP_URL/v1/citizens/$ID:verify")" 200 "REST POST :verify"
expect_contains "$(cat "$WORK/body")" "MATCH_RESULT_MISMATCH" "REST :verify reports the mismatch"
# A verification with nothing to compare is malformed (decision 0150), and a partial date says
# which part is missing (decision 0152).
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -X POST -H 'content-type: application/json' \
  -d '{}' "$HTTP_URL/v1/citizens/$ID:verify")" 400 "REST :verify with nothing to compare"
expect_contains "$(cat "$WORK/body")" "at least one of full_name and date_of_birth must be given" \
  "REST :verify with nothing to compare says what is needed"
expect_contains "$(cat "$WORK/body")" '"field":"full_name"' "REST :verify with nothing to compare names full_name"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -X POST -H 'content-type: application/json' \
  -d '{"date_of_birth":{"year":1990}}' "$HTTP_URL/v1/citizens/$ID:verify")" 400 "REST :verify with only a year"
expect_contains "$(cat "$WORK/body")" "month and day are required (only the year was given)" \
  "REST :verify with only a year says month and day are required"
# Dossier numbers: a sampled one exists, each malformed part is named, an absent one is 404.
DOSSIER=$("$NDXP_CTL" data sample --connector business --kind dossier_id --count 1)
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/registration-dossiers/$DOSSIER/status")" 200 "REST dossier status"
expect_contains "$(cat "$WORK/body")" "\"dossierId\":\"$DOSSIER\"" "REST dossier status body"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/registration-dossiers/DKKD-79-2025-000000/status")" 400 \
  "REST dossier with serial 000000"
expect_contains "$(cat "$WORK/body")" "the serial (the last part) is 000000: it must be 000001 to 999999" \
  "REST dossier message names the serial"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/registration-dossiers/DKKD-79-2031-000123/status")" 400 \
  "REST dossier with a future year"
expect_contains "$(cat "$WORK/body")" "the year is 2031: it must be 2000 to 2025" "REST dossier message names the year"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/registration-dossiers/DKKD-79-2025-999999/status")" 404 \
  "REST absent dossier"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$HTTP_URL/v1/enterprises/$CODE")" 200 "REST GET enterprise"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$HTTP_URL/v1/provinces/79/enterprises?page_size=5")" 200 \
  "REST list with a query parameter"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" "$HTTP_URL/v1/citizens/12AB")" 400 "REST malformed id"
expect_eq "$(status_of "$HTTP_URL/v1/citizens/$ID")" 401 "REST without a key"

# Connect unary calls.
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d "{\"personal_id\":\"$ID\"}" "$SVC/GetCitizen")" 200 "Connect JSON call"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'x-request-id: curl-req-1' -D "$WORK/headers" \
  -H 'content-type: application/json' -d "{\"personal_id\":\"$ID\"}" "$SVC/GetCitizen")" 200 \
  "Connect call with a request id"
expect_contains "$(tr -d '\r' <"$WORK/headers")" "x-request-id: curl-req-1" "request id echoed"

# Bad input.
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d '{"personal_id":' "$SVC/GetCitizen")" 400 "broken JSON"
expect_contains "$(cat "$WORK/body")" '"code":"invalid_argument"' "broken JSON error body"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: text/plain' \
  -d "x" "$SVC/GetCitizen")" 415 "wrong content type"
expect_eq "$(status_of -H 'content-type: application/json' -d "{\"personal_id\":\"$ID\"}" \
  "$SVC/GetCitizen")" 401 "missing API key"
expect_contains "$(cat "$WORK/body")" '"code":"unauthenticated"' "missing key error body"
expect_eq "$(status_of -H 'x-api-key: wrong' -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d "{\"personal_id\":\"$ID\"}" "$SVC/GetCitizen")" 401 "wrong API key"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d '{"personal_id":"079"}' "$SVC/GetCitizen")" 400 "malformed id over Connect"
expect_contains "$(cat "$WORK/body")" '"field":"personal_id"' "field violation names the field"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d '{}' "$SVC/NoSuchMethod")" 404 "unknown method"
deep=$(printf '{"a":%.0s' $(seq 1 40))1$(printf '}%.0s' $(seq 1 40))
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  -d "$deep" "$SVC/GetCitizen")" 400 "JSON nested deeper than limits.max_json_depth"
head -c 5000000 /dev/zero | tr '\0' 'a' >"$WORK/big"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H 'content-type: application/json' \
  --data-binary @"$WORK/big" "$SVC/GetCitizen")" 413 "body over limits.max_request_bytes"
expect_eq "$(status_of -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" -H "x-big: $(head -c 20000 /dev/zero | tr '\0' 'b')" \
  "$HTTP_URL/healthz")" 431 "headers over limits.max_header_bytes"

# /metrics is valid Prometheus text and counts what happened.
curl -sf "$HTTP_URL/metrics" >"$WORK/metrics"
promtool check metrics <"$WORK/metrics" || fail "promtool rejected /metrics"
pass "promtool check metrics"
expect_contains "$(cat "$WORK/metrics")" 'ndxp_gateway_requests_total{protocol="rest",client="demo",service="ndxp.population.v1.PopulationService",method="GetCitizen",code="OK"}' \
  "requests counted by protocol, client, service, method, code"
expect_contains "$(cat "$WORK/metrics")" 'ndxp_gateway_auth_failures_total{protocol="connect",reason="missing_api_key"}' \
  "auth failures counted by reason"
expect_contains "$(cat "$WORK/metrics")" 'ndxp_gateway_build_info{' "build info"

# The access log (stdout on the embedded default) never holds a personal id. Lines are written
# within a flush interval (200 ms): wait for the REST call's line, bounded.
rest_line_logged() {
  grep -q '"protocol":"rest".*"method":"/ndxp.population.v1.PopulationService/GetCitizen"' \
    "$WORK/stdout"
}
wait_until 5 "the access log's line for the REST GetCitizen call" rest_line_logged
if grep -q "$ID" "$WORK/stdout"; then fail "personal id in the access log"; fi
pass "access log holds calls but no personal id"
