#!/usr/bin/env bash
# The postcode connector through the running gateway: every method with buf curl over gRPC
# (reflection), one over Connect, and the REST mappings with curl (found, malformed 400,
# absent 404). Addresses are not personal data: no purpose is declared.
source "$(dirname "$0")/../lib.sh"
start_gateway
BUF="$NDXP_BUF"
SVC="ndxp.postcode.v1.PostcodeService"
SCHEMA="$NDXP_BUILD_DIR/proto/ndxp_descriptor_set.binpb"
sample() { "$NDXP_CTL" data sample --connector postcode --kind "$1" --count 1; }
CODE=$(sample digital_address_code)
COMMUNE=$(sample commune_code)
TEXT=$(sample address_text)
[ ${#CODE} -eq 11 ] && [ ${#COMMUNE} -eq 5 ] && [ -n "$TEXT" ] || fail "samples: '$CODE' '$COMMUNE' '$TEXT'"

grpc() {  # grpc METHOD JSON
  "$BUF" curl --protocol grpc --http2-prior-knowledge -H "x-api-key: $KEY" -d "$2" "$GRPC_URL/$SVC/$1"
}

out=$(grpc LookupAddress "{\"digital_address_code\":\"$CODE\"}")
expect_contains "$out" "\"digitalAddressCode\": \"$CODE\"" "LookupAddress over gRPC"
LAT=$(printf '%s' "$out" | sed -n 's/.*"latitude": \([0-9.]*\).*/\1/p' | head -n1)
LON=$(printf '%s' "$out" | sed -n 's/.*"longitude": \([0-9.]*\).*/\1/p' | head -n1)
[ -n "$LAT" ] && [ -n "$LON" ] || fail "no location in $out"
out=$(grpc Geocode "{\"text\":\"$TEXT\"}")
expect_contains "$out" '"matchLevel": "MATCH_LEVEL_HOUSE"' "Geocode over gRPC finds the house"
out=$(grpc ReverseGeocode "{\"latitude\":$LAT,\"longitude\":$LON}")
expect_contains "$out" "\"digitalAddressCode\": \"$CODE\"" "ReverseGeocode over gRPC finds the address"
out=$(grpc GetPostcode "{\"commune_code\":\"$COMMUNE\"}")
expect_contains "$out" "\"communeCode\": \"$COMMUNE\"" "GetPostcode over gRPC"

set +e
out=$(grpc LookupAddress '{"digital_address_code":"70123-0000"}' 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "malformed digital address code accepted"
expect_contains "$out" "invalid_argument" "malformed code over gRPC"

out=$("$BUF" curl --protocol connect --schema "$SCHEMA" -H "x-api-key: $KEY" \
  -d '{"text":"phuong sai gon, tp ho chi minh"}' "$HTTP_URL/$SVC/Geocode")
expect_contains "$out" '"communeName": "Phường Sài Gòn"' "Geocode over Connect, without diacritics"

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' -H "x-api-key: $KEY" "$@"; }
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses/$CODE")" 200 "REST lookup"
expect_contains "$(cat "$WORK/body")" "\"digitalAddressCode\":\"$CODE\"" "REST lookup body"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses/70123-0000")" 400 "REST malformed code"
expect_contains "$(cat "$WORK/body")" '"field":"digital_address_code"' "the violation names the field"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses/70000-0000J")" 404 "REST absent code"
expect_eq "$(status_of -G --data-urlencode "text=$TEXT" "$HTTP_URL/v1/digital-addresses:geocode")" 200 "REST geocode"
expect_contains "$(cat "$WORK/body")" '"MATCH_LEVEL_HOUSE"' "REST geocode body"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses:geocode?text=")" 400 "REST geocode without text"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses:reverseGeocode?latitude=$LAT&longitude=$LON&max_results=3")" 200 \
  "REST reverse geocode"
expect_contains "$(cat "$WORK/body")" '"distanceMeters"' "REST reverse geocode body"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses:reverseGeocode?latitude=95&longitude=106")" 400 \
  "REST reverse geocode off the globe"
expect_eq "$(status_of "$HTTP_URL/v1/digital-addresses:reverseGeocode?latitude=12.5&longitude=112.5")" 404 \
  "REST reverse geocode at sea"
expect_eq "$(status_of "$HTTP_URL/v1/communes/$COMMUNE/postcode")" 200 "REST postcode"
expect_contains "$(cat "$WORK/body")" '"provincePostcode"' "REST postcode body"
expect_eq "$(status_of "$HTTP_URL/v1/communes/2674/postcode")" 400 "REST postcode malformed"
expect_eq "$(status_of "$HTTP_URL/v1/communes/99999/postcode")" 404 "REST postcode absent"
