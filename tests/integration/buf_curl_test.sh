#!/usr/bin/env bash
# buf curl as an integrator uses it: gRPC with server reflection (no .proto files), and Connect.
source "$(dirname "$0")/lib.sh"
start_gateway
BUF="$NDXP_BUF"
ID=$(sample_id population)
CODE=$(sample_id business)

services=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-services "$GRPC_URL")
expect_contains "$services" "ndxp.population.v1.PopulationService" "list-services shows population"
expect_contains "$services" "ndxp.business.v1.BusinessRegistryService" "list-services shows business"
expect_contains "$services" "grpc.health.v1.Health" "list-services shows health"

methods=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-methods "$GRPC_URL")
expect_contains "$methods" "ndxp.population.v1.PopulationService/BatchVerifyCitizens" "list-methods"
expect_contains "$methods" "ndxp.business.v1.BusinessRegistryService/StreamEnterprises" \
  "list-methods shows business"
expect_contains "$methods" "grpc.health.v1.Health/Watch" "list-methods describes health"
expect_contains "$methods" "grpc.reflection.v1.ServerReflection/ServerReflectionInfo" \
  "list-methods describes reflection"

out=$("$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" \
  -d "{\"personal_id\":\"$ID\"}" "$GRPC_URL/ndxp.population.v1.PopulationService/GetCitizen")
expect_contains "$out" "\"personalId\": \"$ID\"" "GetCitizen over gRPC with reflection"

out=$("$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" \
  -d "{\"enterprise_code\":\"$CODE\"}" "$GRPC_URL/ndxp.business.v1.BusinessRegistryService/GetEnterprise")
expect_contains "$out" "\"enterpriseCode\": \"$CODE\"" "GetEnterprise over gRPC with reflection"

SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" \
  -d "{\"personal_id\":\"$ID\"}" "$HTTP_URL/ndxp.population.v1.PopulationService/GetCitizen")
expect_contains "$out" "\"personalId\": \"$ID\"" "GetCitizen over Connect"

set +e
out=$("$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" \
  -d '{"personal_id":"12AB"}' "$GRPC_URL/ndxp.population.v1.PopulationService/GetCitizen" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed id accepted"
expect_contains "$out" "invalid_argument" "malformed id over gRPC is invalid_argument"

set +e
out=$("$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure" \
  -d "{\"personal_id\":\"$ID\"}" "$GRPC_URL/ndxp.population.v1.PopulationService/VerifyCitizen" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "VerifyCitizen with nothing to compare accepted"
expect_contains "$out" "invalid_argument" "VerifyCitizen with nothing to compare is invalid_argument"
expect_contains "$out" "at least one of full_name and date_of_birth must be given" \
  "VerifyCitizen with nothing to compare says what is needed"

set +e
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: wrong" -H "x-ndxp-purpose: administrative-procedure" \
  -d "{\"personal_id\":\"$ID\"}" "$HTTP_URL/ndxp.population.v1.PopulationService/GetCitizen" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "wrong key accepted over Connect"
expect_contains "$out" "unauthenticated" "wrong key over Connect is unauthenticated"
