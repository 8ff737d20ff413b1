#!/usr/bin/env bash
# The budget connector through the running gateway: every method over gRPC with reflection
# (buf curl), one over Connect, and the REST mappings with curl (found 200, malformed 400, absent
# 404, a reused request id 409), including an idempotent SubmitCodeRequest.
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC=ndxp.budget.v1.BudgetUnitService
HDR=(-H "x-api-key: $KEY")
sample() { "$NDXP_CTL" data sample --connector budget --kind "$1" --count "${2:-1}" | tail -n1; }
CODE=$(sample budget_unit_code 3)
ENT=$(sample enterprise_code)
DOSSIER=$(sample dossier_id 2)
[ ${#CODE} -eq 7 ] && [ ${#ENT} -eq 10 ] && [ ${#DOSSIER} -eq 19 ] ||
  fail "samples: '$CODE' '$ENT' '$DOSSIER'"
pass "samples of every kind"

grpc() { "$BUF" curl --protocol grpc --http2-prior-knowledge "${HDR[@]}" -d "$2" "$GRPC_URL/$SVC/$1"; }

services=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-services "$GRPC_URL")
expect_contains "$services" "$SVC" "list-services shows budget"

out=$(grpc GetBudgetUnit "{\"budget_unit_code\":\"$CODE\"}")
expect_contains "$out" "\"budgetUnitCode\": \"$CODE\"" "GetBudgetUnit over gRPC"
PROVINCE=$(printf '%s' "$out" | sed -n 's/.*"provinceCode": "\([0-9]*\)".*/\1/p' | head -n1)
COMMUNE=$(printf '%s' "$out" | sed -n 's/.*"communeCode": "\([0-9]*\)".*/\1/p' | head -n1)
[ -n "$PROVINCE" ] && [ -n "$COMMUNE" ] || fail "no province or commune in: $out"
out=$(grpc GetBudgetUnit "{\"enterprise_code\":\"$ENT\"}")
expect_contains "$out" "\"enterpriseCode\": \"$ENT\"" "GetBudgetUnit by enterprise code over gRPC"
out=$(grpc GetDossierStatus "{\"dossier_id\":\"$DOSSIER\"}")
expect_contains "$out" "\"dossierId\": \"$DOSSIER\"" "GetDossierStatus over gRPC"

RID="it-$RANDOM$RANDOM"
REQ="{\"request_id\":\"$RID\",\"province_code\":\"$PROVINCE\",\"kind\":\"UNIT_KIND_BUDGET_USING\",\
\"unit_name\":\"Trường Tiểu học Lê Quý Đôn\",\"commune_code\":\"$COMMUNE\",\"governing_unit_code\":\"$CODE\"}"
out=$(grpc SubmitCodeRequest "$REQ")
expect_contains "$out" "DOSSIER_STATE_RECEIVED" "SubmitCodeRequest over gRPC"
NEW=$(printf '%s' "$out" | sed -n 's/.*"dossierId": "\(MSNS-[0-9-]*\)".*/\1/p' | head -n1)
[ -n "$NEW" ] || fail "no dossier id in: $out"
out=$(grpc SubmitCodeRequest "$REQ")
expect_contains "$out" "\"dossierId\": \"$NEW\"" "the same request id and body give the same dossier"
out=$(grpc GetDossierStatus "{\"dossier_id\":\"$NEW\"}")
expect_contains "$out" "\"requestId\": \"$RID\"" "the submitted dossier is readable"

SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" "${HDR[@]}" \
  -d "{\"budget_unit_code\":\"$CODE\"}" "$HTTP_URL/$SVC/GetBudgetUnit")
expect_contains "$out" "\"budgetUnitCode\": \"$CODE\"" "GetBudgetUnit over Connect"

set +e
out=$(grpc GetBudgetUnit '{"budget_unit_code":"1000011"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "wrong check digit accepted"
expect_contains "$out" "invalid_argument" "wrong check digit over gRPC is invalid_argument"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
rest() { status_of "${HDR[@]}" "$HTTP_URL$1"; }
post() { status_of "${HDR[@]}" -X POST -H 'content-type: application/json' -d "$1" \
  "$HTTP_URL/v1/budget-code-requests"; }
body() { cat "$WORK/body"; }

expect_eq "$(rest "/v1/budget-units/$CODE")" 200 "REST budget unit"
expect_contains "$(body)" "\"budgetUnitCode\":\"$CODE\"" "REST budget unit body"
expect_eq "$(rest "/v1/enterprises/$ENT/budget-unit")" 200 "REST budget unit of an enterprise"
expect_contains "$(body)" "\"enterpriseCode\":\"$ENT\"" "REST enterprise unit body"
expect_eq "$(rest "/v1/budget-code-dossiers/$DOSSIER")" 200 "REST dossier"
expect_contains "$(body)" "\"history\"" "REST dossier body"
expect_eq "$(post "$REQ")" 200 "REST replay of the submitted request"
expect_contains "$(body)" "\"dossierId\":\"$NEW\"" "REST replay gives the same dossier"
OTHER=${REQ/Lê Quý Đôn/Nguyễn Du}
expect_eq "$(post "$OTHER")" 409 "REST same request id, other body"
expect_contains "$(body)" "$RID" "the conflict names the request id"

expect_eq "$(rest "/v1/budget-units/1000011")" 400 "REST wrong check digit"
expect_contains "$(body)" "the check digit (digit 7) must be 7" "the violation says the digit"
expect_eq "$(rest "/v1/budget-code-dossiers/MSNS-79-2025-12")" 400 "REST malformed dossier id"
expect_eq "$(post "${REQ/\"$PROVINCE\"/\"77\"}")" 400 "REST submit with a former province"
expect_contains "$(body)" '"field":"province_code"' "the violation names province_code"

expect_eq "$(rest "/v1/budget-code-dossiers/MSNS-79-2025-999999")" 404 "REST absent dossier"
expect_contains "$(body)" "CODE_DOSSIER_NOT_FOUND" "absent dossier reason"
# 9912345671: prefix 99 is issued by no province, so no enterprise has it.
expect_eq "$(rest "/v1/enterprises/9912345671/budget-unit")" 404 "REST unknown enterprise"
expect_contains "$(body)" "BUDGET_UNIT_NOT_FOUND" "absent unit reason"
expect_eq "$(status_of "$HTTP_URL/v1/budget-units/$CODE")" 401 "REST without a key"
