#!/usr/bin/env bash
# The land connector through the running gateway: every method over gRPC with reflection (buf
# curl), one over Connect, and the REST mappings with curl (found, malformed 400, absent 404).
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
SVC=ndxp.land.v1.LandService
PARCEL=$("$NDXP_CTL" data sample --connector land --kind parcel_id --count 1)
SERIAL=$("$NDXP_CTL" data sample --connector land --kind certificate_serial --count 1)
COMMUNE=$("$NDXP_CTL" data sample --connector land --kind commune_code --count 1)
IFS=- read -r P_COMMUNE P_SHEET P_NUMBER <<<"$PARCEL"
H=(-H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure")

grpc() {  # grpc METHOD JSON
  "$BUF" curl --protocol grpc --http2-prior-knowledge "${H[@]}" -d "$2" "$GRPC_URL/$SVC/$1"
}

methods=$("$BUF" curl --protocol grpc --http2-prior-knowledge --list-methods "$GRPC_URL")
expect_contains "$methods" "$SVC/GetLandUsePlan" "reflection lists the land methods"

out=$(grpc GetParcel "{\"commune_code\":\"$P_COMMUNE\",\"map_sheet_number\":$P_SHEET,\"parcel_number\":$P_NUMBER}")
expect_contains "$out" "\"parcelId\": \"$PARCEL\"" "GetParcel by its parts over gRPC"
expect_contains "$out" '\"type\":\"Polygon\"' "GetParcel answers a GeoJSON polygon"
out=$(grpc FindParcelsByCertificate "{\"certificate_serial\":\"$SERIAL\"}")
expect_contains "$out" "\"certificateSerial\": \"$SERIAL\"" "FindParcelsByCertificate over gRPC"
out=$(grpc GetLandUsePlan "{\"commune_code\":\"$COMMUNE\"}")
expect_contains "$out" "PLAN_KIND_MASTER_PLAN" "GetLandUsePlan over gRPC"

set +e
out=$(grpc GetParcel '{"parcel_id":"2673-1-1"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed parcel id accepted"
expect_contains "$out" "invalid_argument" "malformed parcel id over gRPC is invalid_argument"

out=$("$BUF" curl --protocol connect --schema "$SCHEMA" "${H[@]}" -d "{\"parcel_id\":\"$PARCEL\"}" \
  "$HTTP_URL/$SVC/GetParcel")
expect_contains "$out" "\"parcelId\": \"$PARCEL\"" "GetParcel over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/communes/$P_COMMUNE/map-sheets/$P_SHEET/parcels/$P_NUMBER")" 200 \
  "REST GET parcel by its parts"
expect_contains "$(cat "$WORK/body")" "\"parcelId\":\"$PARCEL\"" "REST parcel body"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/parcels/$PARCEL")" 200 "REST GET parcel by id"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/communes/$P_COMMUNE/map-sheets/0/parcels/1")" 400 \
  "REST map sheet 0 is 400"
expect_contains "$(cat "$WORK/body")" '"field":"map_sheet_number"' "the violation names map_sheet_number"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/communes/$P_COMMUNE/map-sheets/$P_SHEET/parcels/99999")" 404 \
  "REST absent parcel is 404"
expect_contains "$(cat "$WORK/body")" 'PARCEL_NOT_FOUND' "absent parcel reason"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/parcels/$PARCEL")" 200 "REST parcel again"
expect_eq "$(status_of "$HTTP_URL/v1/parcels/$PARCEL")" 401 "REST parcel without a key"

serial_path=${SERIAL// /%20}
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/land-certificates/$serial_path/parcels")" 200 "REST certificate"
expect_contains "$(cat "$WORK/body")" "\"certificateSerial\":\"$SERIAL\"" "REST certificate body"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/land-certificates/CS12345/parcels")" 400 "REST malformed serial"
expect_contains "$(cat "$WORK/body")" '"field":"certificate_serial"' "the violation names certificate_serial"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/land-certificates/ZZ999999/parcels")" 404 "REST absent certificate"

expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/communes/$COMMUNE/land-use-plans")" 200 \
  "REST land-use plans (no personal data: no purpose needed)"
expect_contains "$(cat "$WORK/body")" '"landUseCode":"LUC"' "plans list land-use types"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/communes/2673/land-use-plans")" 400 "REST malformed commune"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/communes/99999/land-use-plans")" 404 "REST absent commune"
expect_contains "$(cat "$WORK/body")" 'COMMUNE_NOT_FOUND' "absent commune reason"
