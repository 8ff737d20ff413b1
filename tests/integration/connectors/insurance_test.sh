#!/usr/bin/env bash
# The insurance connector through the running gateway: every method over gRPC with reflection
# (buf curl), one over Connect, and the REST mappings with curl (found 200, malformed 400,
# absent 404, no purpose 403).
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC=ndxp.insurance.v1.InsuranceService
HDR=(-H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure")
sample() { "$NDXP_CTL" data sample --connector insurance --kind "$1" --count "${2:-1}" | tail -n1; }
SIN=$(sample social_insurance_number)
PID=$(sample personal_id)
CARD=$(sample card_code 3)
HH=$(sample household_id 2)
[ ${#SIN} -eq 10 ] && [ ${#PID} -eq 12 ] && [ ${#CARD} -eq 15 ] && [ ${#HH} -eq 12 ] ||
  fail "samples: '$SIN' '$PID' '$CARD' '$HH'"
pass "samples of every kind"

grpc() { "$BUF" curl --protocol grpc --http2-prior-knowledge "${HDR[@]}" -d "$2" "$GRPC_URL/$SVC/$1"; }

services=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-services "$GRPC_URL")
expect_contains "$services" "$SVC" "list-services shows insurance"

out=$(grpc GetParticipant "{\"social_insurance_number\":\"$SIN\"}")
expect_contains "$out" "\"socialInsuranceNumber\": \"$SIN\"" "GetParticipant by number over gRPC"
expect_contains "$out" "\"healthInsuranceCard\"" "the participant carries a card"
out=$(grpc GetParticipant "{\"personal_id\":\"$PID\"}")
expect_contains "$out" "\"personalId\": \"$PID\"" "GetParticipant by personal id over gRPC"
out=$(grpc GetHealthInsuranceCard "{\"card_code\":\"$CARD\"}")
expect_contains "$out" "\"cardCode\": \"$CARD\"" "GetHealthInsuranceCard over gRPC"
out=$(grpc ListHouseholdParticipants "{\"household_id\":\"$HH\"}")
expect_contains "$out" "\"participants\"" "ListHouseholdParticipants over gRPC"

set +e
out=$(grpc GetParticipant '{"social_insurance_number":"12AB"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed number accepted"
expect_contains "$out" "invalid_argument" "malformed number over gRPC is invalid_argument"

SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" "${HDR[@]}" \
  -d "{\"card_code\":\"$CARD\"}" "$HTTP_URL/$SVC/GetHealthInsuranceCard")
expect_contains "$out" "\"cardCode\": \"$CARD\"" "GetHealthInsuranceCard over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
rest() { status_of "${HDR[@]}" "$HTTP_URL$1"; }
body() { cat "$WORK/body"; }

expect_eq "$(rest "/v1/insurance/participants/$SIN")" 200 "REST participant by number"
expect_contains "$(body)" "\"socialInsuranceNumber\":\"$SIN\"" "REST participant body"
expect_eq "$(rest "/v1/citizens/$PID/insurance-participant")" 200 "REST participant by personal id"
expect_contains "$(body)" "\"personalId\":\"$PID\"" "REST participant by personal id body"
expect_eq "$(rest "/v1/health-insurance-cards/$CARD")" 200 "REST card"
expect_contains "$(body)" "\"holderPersonalId\"" "REST card body"
printed="${CARD:0:3}-${CARD:3:2}-${CARD:5}"
expect_eq "$(rest "/v1/health-insurance-cards/$printed")" 200 "REST card in its printed form"
expect_eq "$(rest "/v1/households/$HH/insurance-participants?page_size=1")" 200 "REST household list"
expect_contains "$(body)" "\"totalSize\"" "REST household list body"

expect_eq "$(rest "/v1/insurance/participants/79123")" 400 "REST malformed number"
expect_contains "$(body)" '"field":"social_insurance_number"' "malformed number names the field"
expect_eq "$(rest "/v1/health-insurance-cards/ZZ4797912345678")" 400 "REST malformed card"
expect_contains "$(body)" "ZZ is not one" "malformed card says which part is wrong"
expect_eq "$(rest "/v1/households/H123/insurance-participants")" 400 "REST malformed household"
expect_eq "$(rest "/v1/households/$HH/insurance-participants?page_size=-1")" 400 "REST negative page"

expect_eq "$(rest "/v1/insurance/participants/9912345678")" 404 "REST absent participant"
expect_contains "$(body)" "PARTICIPANT_NOT_FOUND" "absent participant reason"
expect_eq "$(rest "/v1/health-insurance-cards/${CARD:0:5}9912345678")" 404 "REST absent card"
expect_eq "$(rest "/v1/households/${HH:0:6}999999/insurance-participants")" 404 "REST absent household"

expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/insurance/participants/$SIN")" 403 \
  "REST without a purpose"
