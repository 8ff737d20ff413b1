#include "connectors/postcode/postcode_handlers.h"

#include <cmath>

#include "connectors/common/admin_units.h"
#include "connectors/common/digital_address.h"
#include "connectors/common/enterprise_code.h"
#include "connectors/common/land_ids.h"
#include "connectors/common/postcodes.h"
#include "connectors/common/province_code.h"
#include "connectors/common/street_address.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"
#include "gateway/core/utf8.h"

namespace ndxp::connectors::postcode {
namespace {

namespace pb = ::ndxp::postcode::v1;

constexpr double kMetersPerDegree = 111'195.08;  // of latitude, on the mean sphere

void FillLocation(GeoPoint p, pb::Coordinates* out) {
  out->set_latitude(p.lat_e6 / 1e6);
  out->set_longitude(p.lon_e6 / 1e6);
}

// A count limit: 0 -> `fallback`, above `max` -> `max`, negative -> INVALID_ARGUMENT.
absl::StatusOr<int> Bounded(int value, int fallback, int max, std::string_view field) {
  if (value < 0) return core::FieldViolation(field, "must not be negative");
  if (value == 0) return fallback;
  return std::min(value, max);
}

absl::StatusOr<int> ProvinceFilter(std::string_view code) {
  if (code.empty()) return -1;
  return ParseProvinceCode(code, "province_code");
}

absl::Status CheckDegrees(double value, double limit, std::string_view field) {
  if (!std::isfinite(value)) return core::FieldViolation(field, "must be a finite number");
  if (value < -limit || value > limit) {
    return core::FieldViolation(field, core::Cat("must be between -", static_cast<int>(limit),
                                                 " and ", static_cast<int>(limit), " degrees"));
  }
  return absl::OkStatus();
}

}  // namespace

void FillDigitalAddress(const AddressStore& store, const Address& a, pb::DigitalAddress* out) {
  out->set_digital_address_code(store.Code(a));
  FillAddress(a.street, a.commune, out->mutable_address());
  out->set_postcode(FormatPostcode(CommunePostcode(a.commune)));
  FillLocation(a.location, out->mutable_location());
  out->set_use(static_cast<pb::AddressUse>(a.use));
  if (a.use == Use::kBusiness) {
    out->set_enterprise_code(FormatEnterpriseCode(store.business().enterprises()[a.owner].code));
  }
}

absl::Status LookupAddress(const AddressStore& store, const pb::LookupAddressRequest& request,
                           pb::LookupAddressResponse& response) {
  auto code = ParseDigitalAddress(request.digital_address_code());
  if (!code.ok()) return code.status();
  const int commune = FindCommuneByPostcode(code->postcode);
  const Address* address =
      commune < 0 ? nullptr : store.Find(static_cast<std::uint16_t>(commune), code->serial);
  if (address == nullptr) {
    return core::NotFound("digital_address", commune < 0
                                                 ? "no commune has the code's postcode"
                                                 : "no address has this digital address code");
  }
  FillDigitalAddress(store, *address, response.mutable_address());
  return absl::OkStatus();
}

absl::Status Geocode(const Geocoder& geocoder, const pb::GeocodeRequest& request,
                     pb::GeocodeResponse& response) {
  const std::string& text = request.text();
  if (text.empty()) return core::FieldViolation("text", "is required");
  if (text.size() > kMaxTextBytes) {
    return core::FieldViolation(
        "text", core::Cat("must be at most ", kMaxTextBytes, " bytes, not ", text.size()));
  }
  if (!core::IsValidUtf8(text)) return core::FieldViolation("text", "must be valid UTF-8");
  auto province = ProvinceFilter(request.province_code());
  if (!province.ok()) return province.status();
  auto max =
      Bounded(request.max_results(), kDefaultGeocodeResults, kMaxGeocodeResults, "max_results");
  if (!max.ok()) return max.status();
  const AddressStore& store = geocoder.store();
  for (const GeocodeHit& hit : geocoder.Find(text, *province, static_cast<std::size_t>(*max))) {
    pb::GeocodeCandidate* out = response.add_candidates();
    out->set_match_level(static_cast<pb::MatchLevel>(hit.level));
    out->set_score(std::round(hit.score * 10'000) / 10'000);
    FillUnit(hit.commune, out->mutable_unit());
    if (hit.address != nullptr) {
      FillDigitalAddress(store, *hit.address, out->mutable_address());
      *out->mutable_location() = out->address().location();
    } else {
      FillLocation(CommuneCentre(hit.commune), out->mutable_location());
    }
  }
  return absl::OkStatus();
}

absl::Status ReverseGeocode(const AddressStore& store, const pb::ReverseGeocodeRequest& request,
                            pb::ReverseGeocodeResponse& response) {
  if (auto s = CheckDegrees(request.latitude(), 90, "latitude"); !s.ok()) return s;
  if (auto s = CheckDegrees(request.longitude(), 180, "longitude"); !s.ok()) return s;
  auto radius = Bounded(request.max_distance_meters(), kDefaultRadiusMeters, kMaxRadiusMeters,
                        "max_distance_meters");
  if (!radius.ok()) return radius.status();
  auto max = Bounded(request.max_results(), 1, kMaxNearbyResults, "max_results");
  if (!max.ok()) return max.status();
  const GeoPoint query{static_cast<std::int32_t>(std::llround(request.latitude() * 1e6)),
                       static_cast<std::int32_t>(std::llround(request.longitude() * 1e6))};
  // The flat metric of the index and the sphere differ by well under 1% within 50 km.
  const auto radius_e6 = static_cast<std::int64_t>(*radius / kMetersPerDegree * 1e6 * 1.01) + 1;
  for (std::uint32_t id :
       store.spatial().Nearest(query, radius_e6, static_cast<std::size_t>(*max))) {
    const Address& a = store.addresses()[id];
    const double distance = DistanceMeters(query, a.location);
    if (distance > *radius) continue;
    pb::NearbyAddress* out = response.add_addresses();
    FillDigitalAddress(store, a, out->mutable_address());
    out->set_distance_meters(std::round(distance * 10) / 10);
  }
  if (response.addresses().empty()) {
    return core::NotFound("digital_address",
                          core::Cat("no address lies within ", *radius, " m of this position"));
  }
  return absl::OkStatus();
}

absl::Status GetPostcode(const AddressStore& store, const pb::GetPostcodeRequest& request,
                         pb::GetPostcodeResponse& response) {
  auto commune = LookUpCommune(request.commune_code(), "commune_code");
  if (!commune.ok()) return commune.status();
  const AdminUnits& units = AdminUnits::Get();
  const std::uint16_t index = *commune;
  const std::uint16_t province = units.communes()[index].province;
  response.set_postcode(FormatPostcode(CommunePostcode(index)));
  FillUnit(index, response.mutable_unit());
  response.set_province_postcode(FormatPostcode(ProvincePostcode(province)));
  for (std::uint8_t prefix : ProvincePostcodePrefixes(province)) {
    response.add_province_prefixes(FormatPostcode(prefix).substr(3));
  }
  response.set_address_count(static_cast<int>(store.InCommune(index).size()));
  return absl::OkStatus();
}

}  // namespace ndxp::connectors::postcode
