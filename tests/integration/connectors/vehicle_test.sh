#!/usr/bin/env bash
# The vehicle connector through the running gateway: every method over gRPC with reflection (buf
# curl), one over Connect, and the REST mappings with curl (found, malformed 400, absent 404).
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
SVC=ndxp.vehicle.v1.VehicleInspectionService
PLATE=$("$NDXP_CTL" data sample --connector vehicle --kind plate_number --count 1)
VIN=$("$NDXP_CTL" data sample --connector vehicle --kind vin --count 1)
CERT=$("$NDXP_CTL" data sample --connector vehicle --kind inspection_certificate_number --count 1)
H=(-H "x-api-key: $KEY" -H "x-ndxp-purpose: administrative-procedure")

grpc() {  # grpc METHOD JSON
  "$BUF" curl --protocol grpc --http2-prior-knowledge "${H[@]}" -d "$2" "$GRPC_URL/$SVC/$1"
}

out=$(grpc GetVehicleInspection "{\"plate_number\":\"$PLATE\"}")
expect_contains "$out" "\"plateNumber\": \"$PLATE\"" "GetVehicleInspection by plate over gRPC"
expect_contains "$out" '"owner"' "the owner is named"
out=$(grpc GetVehicleInspection "{\"vin\":\"$VIN\"}")
expect_contains "$out" "\"vin\": \"$VIN\"" "GetVehicleInspection by VIN over gRPC"
out=$(grpc GetVehicleInspection "{\"inspection_certificate_number\":\"$CERT\"}")
expect_contains "$out" "\"certificateNumber\": \"$CERT\"" "GetVehicleInspection by certificate over gRPC"
out=$(grpc ListInspectionHistory "{\"plate_number\":\"$PLATE\",\"page_size\":2}")
expect_contains "$out" "\"totalSize\"" "ListInspectionHistory over gRPC"

set +e
out=$(grpc GetVehicleInspection '{"plate_number":"30O-123.45"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed plate accepted"
expect_contains "$out" "invalid_argument" "malformed plate over gRPC is invalid_argument"

out=$("$BUF" curl --protocol connect --schema "$SCHEMA" "${H[@]}" -d "{\"vin\":\"$VIN\"}" \
  "$HTTP_URL/$SVC/GetVehicleInspection")
expect_contains "$out" "\"vin\": \"$VIN\"" "GetVehicleInspection over Connect"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/vehicles/$PLATE/inspection")" 200 "REST vehicle by plate"
expect_contains "$(cat "$WORK/body")" "\"plateNumber\":\"$PLATE\"" "REST vehicle body"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/vins/$VIN/inspection")" 200 "REST vehicle by VIN"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/inspection-certificates/$CERT")" 200 "REST vehicle by certificate"
expect_eq "$(status_of "$HTTP_URL/v1/vehicles/$PLATE/inspection")" 401 "REST vehicle without a key"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/$PLATE/inspection")" 403 \
  "REST vehicle without a purpose (personal data)"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/vehicles/30O-123.45/inspection")" 400 "REST malformed plate"
expect_contains "$(cat "$WORK/body")" 'series letter O' "the violation says which part is wrong"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/vins/1M8GDM9A3KP042788/inspection")" 400 "REST VIN with a wrong check digit"
expect_contains "$(cat "$WORK/body")" 'is 3, not X' "the violation names both check digits"
expect_eq "$(status_of "${H[@]}" "$HTTP_URL/v1/vehicles/29-B1%20123.45/inspection")" 404 \
  "REST motorbike plate (not inspected) is 404"
expect_contains "$(cat "$WORK/body")" 'VEHICLE_NOT_FOUND' "absent vehicle reason"

# History: no owner data, so no purpose needed; paged.
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/$PLATE/inspections?page_size=1")" 200 \
  "REST inspection history"
paged=""
for plate in $("$NDXP_CTL" data sample --connector vehicle --count 10); do
  curl -s -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/$plate/inspections?page_size=1" >"$WORK/body"
  if grep -q '"nextPageToken"' "$WORK/body"; then paged=$plate; break; fi
done
[ -n "$paged" ] || fail "no sample vehicle has two inspections"
token=$(sed -n 's/.*"nextPageToken":"\([^"]*\)".*/\1/p' "$WORK/body")
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/$paged/inspections?page_size=1&page_token=$token")" 200 \
  "REST history, second page"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vins/$VIN/inspections")" 200 "REST history by VIN"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/$PLATE/inspections?page_size=-1")" 400 \
  "REST negative page size"
expect_eq "$(status_of -H "x-api-key: $KEY" "$HTTP_URL/v1/vehicles/29-B1%20123.45/inspections")" 404 \
  "REST history of an absent vehicle"
