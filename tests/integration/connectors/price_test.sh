#!/usr/bin/env bash
# The price connector through the running gateway: every method over gRPC with buf curl
# (reflection), one over Connect, and the REST mappings with curl, including the idempotent write.
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC="ndxp.price.v1.PriceService"
CODE=$("$NDXP_CTL" data sample --connector price --kind commodity_code --count 1)
PROVINCE=$("$NDXP_CTL" data sample --connector price --kind province_code --count 1)
[ -n "$CODE" ] && [ -n "$PROVINCE" ] || fail "no samples"

grpc() { "$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -d "$2" "$GRPC_URL/$SVC/$1"; }

out=$(grpc GetCommodity "{\"commodity_code\":\"$CODE\"}")
expect_contains "$out" "\"commodityCode\": \"$CODE\"" "GetCommodity over gRPC"
out=$(grpc ListCommodities '{"page_size":5}')
expect_contains "$out" "\"nextPageToken\":" "ListCommodities over gRPC pages"
out=$(grpc ListProvincePrices "{\"province_code\":\"$PROVINCE\"}")
expect_contains "$out" "\"priceVnd\":" "ListProvincePrices over gRPC"
out=$(grpc GetPrice "{\"commodity_code\":\"01.002\",\"province_code\":\"79\",\"date\":{\"year\":2025,\"month\":11,\"day\":3}}")
expect_contains "$out" "PRICE_SOURCE_RECORDED" "GetPrice over gRPC"
out=$(grpc QueryPriceSeries '{"commodity_code":"01.002","province_code":"79","start_date":{"year":2025,"month":11,"day":1},"end_date":{"year":2025,"month":11,"day":30},"page_size":10}')
expect_contains "$out" "\"nextPageToken\":" "QueryPriceSeries over gRPC pages"
SUBMIT='{"request_id":"it-1","prices":[{"commodity_code":"01.002","province_code":"79","date":{"year":2025,"month":12,"day":2},"price_vnd":"16000"}]}'
out=$(grpc SubmitPrices "$SUBMIT")
expect_contains "$out" "SUBMISSION_OUTCOME_CREATED" "SubmitPrices creates"
out=$(grpc SubmitPrices "$SUBMIT")
expect_contains "$out" "SUBMISSION_OUTCOME_UNCHANGED" "SubmitPrices again is unchanged"
set +e
out=$(grpc SubmitPrices "${SUBMIT/16000/17000}" 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "a different price under the same key accepted"
expect_contains "$out" "already_exists" "another price under the same key is already_exists"
expect_contains "$out" "is already recorded for 01.002 in province 79 on 2025-12-02" "naming the key"
out=$(grpc GetPrice '{"commodity_code":"01.002","province_code":"79","date":{"year":2025,"month":12,"day":2}}')
expect_contains "$out" "PRICE_SOURCE_SUBMITTED" "the submitted price is read back"
expect_contains "$out" "\"submittedBy\": \"demo\"" "with the client that sent it"

SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" \
  -d "{\"commodity_code\":\"$CODE\"}" "$HTTP_URL/$SVC/GetCommodity")
expect_contains "$out" "\"commodityCode\": \"$CODE\"" "GetCommodity over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' -H "x-api-key: $KEY" "$@"; }
expect_eq "$(status_of "$HTTP_URL/v1/commodities/02.001/provinces/79/price?date.year=2025&date.month=11&date.day=3")" 200 \
  "REST GET price"
expect_contains "$(cat "$WORK/body")" '"priceVnd":' "REST GET price body"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/02.001/provinces/79/price?date.year=2025")" 400 \
  "REST GET price without month and day"
expect_contains "$(cat "$WORK/body")" "month and day are required" "REST 400 says what is missing"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/02.001/provinces/77/price?date.year=2025&date.month=11&date.day=3")" 400 \
  "REST GET price in a former province"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/01.999/provinces/79/price?date.year=2025&date.month=11&date.day=3")" 404 \
  "REST GET price of an absent commodity"
expect_contains "$(cat "$WORK/body")" "COMMODITY_NOT_FOUND" "REST 404 reason"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/02.001/provinces/79/prices?start_date.year=2025&start_date.month=11&start_date.day=1&end_date.year=2025&end_date.month=11&end_date.day=7")" 200 \
  "REST series"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/$CODE")" 200 "REST GET commodity"
expect_eq "$(status_of "$HTTP_URL/v1/commodities/1.002")" 400 "REST malformed commodity"
expect_eq "$(status_of "$HTTP_URL/v1/commodities?group_code=05")" 200 "REST list commodities"
expect_eq "$(status_of "$HTTP_URL/v1/provinces/$PROVINCE/prices")" 200 "REST province board"
expect_eq "$(status_of -X POST -H 'content-type: application/json' -d "$SUBMIT" "$HTTP_URL/v1/prices:submit")" 200 \
  "REST submit (a retry: unchanged)"
expect_contains "$(cat "$WORK/body")" "SUBMISSION_OUTCOME_UNCHANGED" "REST submit body"
expect_eq "$(status_of -X POST -H 'content-type: application/json' -d "${SUBMIT/16000/17000}" "$HTTP_URL/v1/prices:submit")" 409 \
  "REST conflicting submit"
expect_contains "$(cat "$WORK/body")" "PRICE_ALREADY_RECORDED" "REST 409 reason"
