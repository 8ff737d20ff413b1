#!/usr/bin/env bash
# The legal-documents connector through the running gateway: every method over gRPC with buf curl
# (reflection), one over Connect, and the REST mappings with curl (found, malformed, absent).
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC="ndxp.legal.v1.LegalDocumentService"
NUMBER=$("$NDXP_CTL" data sample --connector legal --kind document_number --count 1)
ISSUER=$("$NDXP_CTL" data sample --connector legal --kind issuer --count 1)
[ -n "$NUMBER" ] && [ -n "$ISSUER" ] || fail "no samples"

grpc() { "$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -d "$2" "$GRPC_URL/$SVC/$1"; }

out=$(grpc GetDocument "{\"document_number\":\"$NUMBER\"}")
expect_contains "$out" "\"documentNumber\": \"$NUMBER\"" "GetDocument over gRPC"
expect_contains "$out" "\"title\":" "GetDocument has a title"
out=$(grpc SearchDocuments '{"query":"thue thu nhap","page_size":3}')
expect_contains "$out" "\"totalSize\":" "SearchDocuments over gRPC"
expect_contains "$out" "thu nhập" "a folded query finds the words with diacritics"
out=$(grpc SearchDocuments "{\"issuer\":\"$ISSUER\",\"page_size\":1}")
expect_contains "$out" "\"documents\":" "SearchDocuments by a sampled issuer"
out=$(grpc SearchDocuments '{"query":"\"thue (thu* nhap"}')
expect_contains "$out" "\"totalSize\":" "hostile FTS syntax is plain words"
grpc SearchDocuments '{"query":"thue NEAR(\"x OR y) AND *"}' >/dev/null || fail "FTS operators are not plain words"
pass "FTS operators are plain words"
set +e
out=$(grpc GetDocument '{"document_number":"13/2023/NĐ-BTC"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed number accepted"
expect_contains "$out" "invalid_argument" "malformed number over gRPC is invalid_argument"

SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" \
  -d "{\"document_number\":\"$NUMBER\"}" "$HTTP_URL/$SVC/GetDocument")
expect_contains "$out" "\"documentNumber\": \"$NUMBER\"" "GetDocument over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' -H "x-api-key: $KEY" "$@"; }
ENCODED=$(printf '%s' "$NUMBER" | sed 's/Đ/%C4%90/g')
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents/$ENCODED")" 200 "REST GET document"
expect_contains "$(cat "$WORK/body")" "\"documentNumber\":\"$NUMBER\"" "REST GET document body"
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents/13/2023/ND-BTC")" 400 "REST malformed number"
expect_contains "$(cat "$WORK/body")" "issued by the Government" "REST 400 says which part"
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents/9999/2024/ND-CP")" 404 "REST absent number"
expect_contains "$(cat "$WORK/body")" "LEGAL_DOCUMENT_NOT_FOUND" "REST 404 reason"
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents:search?query=dat%20dai&type=DOCUMENT_TYPE_DECREE&page_size=2")" 200 \
  "REST search"
expect_contains "$(cat "$WORK/body")" "\"nextPageToken\":" "REST search pages"
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents:search?issuer=XYZ")" 400 "REST search with an unknown issuer"
expect_eq "$(status_of "$HTTP_URL/v1/legal-documents:search?page_size=-1")" 400 "REST negative page size"
