#pragma once
// The handlers of PostcodeService, as plain functions over the address store and its geocoder.

#include <absl/status/status.h>

#include "connectors/postcode/address_store.h"
#include "connectors/postcode/geocoder.h"
#include "ndxp/postcode/v1/postcode.pb.h"

namespace ndxp::connectors::postcode {

// Input bounds: text length, results, radius.
inline constexpr std::size_t kMaxTextBytes = 500;
inline constexpr int kDefaultGeocodeResults = 10;
inline constexpr int kMaxGeocodeResults = 50;
inline constexpr int kDefaultRadiusMeters = 1000;
inline constexpr int kMaxRadiusMeters = 50'000;
inline constexpr int kMaxNearbyResults = 20;

void FillDigitalAddress(const AddressStore& store, const Address& address,
                        ::ndxp::postcode::v1::DigitalAddress* out);

absl::Status LookupAddress(const AddressStore& store,
                           const ::ndxp::postcode::v1::LookupAddressRequest& request,
                           ::ndxp::postcode::v1::LookupAddressResponse& response);
absl::Status Geocode(const Geocoder& geocoder, const ::ndxp::postcode::v1::GeocodeRequest& request,
                     ::ndxp::postcode::v1::GeocodeResponse& response);
absl::Status ReverseGeocode(const AddressStore& store,
                            const ::ndxp::postcode::v1::ReverseGeocodeRequest& request,
                            ::ndxp::postcode::v1::ReverseGeocodeResponse& response);
absl::Status GetPostcode(const AddressStore& store,
                         const ::ndxp::postcode::v1::GetPostcodeRequest& request,
                         ::ndxp::postcode::v1::GetPostcodeResponse& response);

}  // namespace ndxp::connectors::postcode
