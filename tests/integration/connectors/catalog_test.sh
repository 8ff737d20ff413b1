#!/usr/bin/env bash
# The catalog connector through the running gateway: every method with buf curl over gRPC
# (reflection), one over Connect, and the REST mappings with curl (found, malformed 400,
# absent 404). Nothing here is personal data: no purpose is declared.
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC="ndxp.catalog.v1.CatalogService"
SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
sample() { "$NDXP_CTL" data sample --connector catalog --kind "$1" --count "${2:-1}" | sed -n "${2:-1}p"; }
CATALOG=$(sample catalog_id)
UNIT=$(sample unit_code 2)      # a commune in force
OLD=$(sample old_unit_code 2)   # a commune before 1 July 2025
[ -n "$CATALOG" ] && [ ${#UNIT} -eq 5 ] && [ ${#OLD} -eq 5 ] || fail "samples: '$CATALOG' '$UNIT' '$OLD'"

grpc() {  # grpc METHOD JSON
  "$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -d "$2" "$GRPC_URL/$SVC/$1"
}

out=$(grpc ListCatalogs '{"page_size":3}')
expect_contains "$out" '"catalogId": "agencies"' "ListCatalogs over gRPC"
expect_contains "$out" '"nextPageToken"' "ListCatalogs pages"
out=$(grpc GetCatalog "{\"catalog_id\":\"ethnic-groups\",\"page_size\":60}")
expect_contains "$out" '"name": "Kinh"' "GetCatalog ethnic-groups over gRPC"
expect_contains "$out" '"name": "Rơ-măm"' "GetCatalog has the 54th group"
out=$(grpc GetCatalog "{\"catalog_id\":\"$CATALOG\"}")
expect_contains "$out" "\"catalogId\": \"$CATALOG\"" "GetCatalog of a sample id"
out=$(grpc GetCatalog '{"catalog_id":"provinces","as_of_date":{"year":2025,"month":6,"day":30},"page_size":100}')
expect_contains "$out" '"name": "Tỉnh Hà Giang"' "GetCatalog provinces before the reorganisation"
out=$(grpc GetAdministrativeUnit "{\"code\":\"$UNIT\"}")
expect_contains "$out" "\"code\": \"$UNIT\"" "GetAdministrativeUnit over gRPC"
out=$(grpc GetAdministrativeUnit '{"code":"26740","as_of_date":{"year":2025,"month":1,"day":1}}')
expect_contains "$out" '"name": "Phường Bến Nghé"' "GetAdministrativeUnit as of a date before 2025-07-01"
out=$(grpc ResolveAdministrativeUnit "{\"code\":\"$OLD\"}")
expect_contains "$out" '"formerUnit"' "ResolveAdministrativeUnit over gRPC"
out=$(grpc ResolveAdministrativeUnit '{"code":"77"}')
expect_contains "$out" '"name": "Thành phố Hồ Chí Minh"' "Bà Rịa - Vũng Tàu resolves to TP Hồ Chí Minh"

set +e
out=$(grpc GetAdministrativeUnit '{"code":"7"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed unit code accepted"
expect_contains "$out" "invalid_argument" "malformed unit code over gRPC"

out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" \
  -d '{"code":"26740"}' "$HTTP_URL/$SVC/ResolveAdministrativeUnit")
expect_contains "$out" '"name": "Phường Sài Gòn"' "ResolveAdministrativeUnit over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' -H "x-api-key: $KEY" "$@"; }
expect_eq "$(status_of "$HTTP_URL/v1/catalogs?page_size=2")" 200 "REST list catalogs"
expect_contains "$(cat "$WORK/body")" '"totalSize":8' "REST list catalogs body"
expect_eq "$(status_of "$HTTP_URL/v1/catalogs/religions")" 200 "REST get catalog"
expect_contains "$(cat "$WORK/body")" '"name":"Phật giáo"' "REST get catalog body"
expect_eq "$(status_of "$HTTP_URL/v1/catalogs/agencies?as_of_date.year=2025&as_of_date.month=2&as_of_date.day=1")" 200 \
  "REST get catalog as of a date"
expect_contains "$(cat "$WORK/body")" '"code":"BKHĐT"' "the planning ministry before March 2025"
expect_eq "$(status_of "$HTTP_URL/v1/catalogs/Bad_Id")" 400 "REST malformed catalog id"
expect_contains "$(cat "$WORK/body")" '"field":"catalog_id"' "the violation names catalog_id"
expect_eq "$(status_of "$HTTP_URL/v1/catalogs/no-such-catalog")" 404 "REST absent catalog"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/79")" 200 "REST get unit"
expect_contains "$(cat "$WORK/body")" '"name":"Thành phố Hồ Chí Minh"' "REST get unit body"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/2674")" 400 "REST malformed unit code"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/99")" 404 "REST absent unit"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/26737:resolve")" 200 "REST resolve a split commune"
expect_contains "$(cat "$WORK/body")" '"otherUnits"' "REST resolve lists the other units"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/2673x:resolve")" 400 "REST resolve malformed"
expect_eq "$(status_of "$HTTP_URL/v1/administrative-units/99999:resolve")" 404 "REST resolve absent"
