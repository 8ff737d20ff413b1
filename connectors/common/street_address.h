#pragma once
// Street-level part of synthetic addresses ("12 Lê Lợi", "45/7 Hai Bà Trưng", "Số 8 ngõ 12
// Kim Mã", "Thôn 3", "Ấp 2") in a compact form, and the two-tier common.v1.Address built from it
// and a commune (street, commune, province; no district since 1 July 2025).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/common/rng.h"
#include "ndxp/common/v1/common.pb.h"

namespace ndxp::connectors {

enum class StreetForm : std::uint8_t {
  kHouse,             // "12 Lê Lợi"
  kAlley,             // "45/7 Lê Lợi" (south and centre)
  kLane,              // "Số 8 ngõ 12 Kim Mã" (north)
  kResidentialGroup,  // "Tổ dân phố 5"
  kVillage,           // "Thôn 3" (north and centre)
  kHamlet,            // "Ấp 2" (south)
  kOfficeFloor,       // "Tầng 5, 12 Lê Lợi" (offices)
};

struct StreetAddress {
  StreetForm form = StreetForm::kHouse;
  std::uint8_t street = 0;   // index into the street-name table
  std::uint16_t number = 0;  // house number, or village/group number
  std::uint16_t alley = 0;   // alley/lane number, or floor
  friend bool operator==(const StreetAddress&, const StreetAddress&) = default;
};

// A street address plausible for the commune (wards get streets, rural communes villages or
// hamlets, named after the region's custom); `office` favours street frontage and office floors.
StreetAddress PickStreetAddress(Rng& rng, std::uint16_t commune, bool office = false);

std::string StreetText(const StreetAddress& address);

// The table of street names that StreetAddress::street indexes ("Lê Lợi", ...).
std::size_t StreetNameCount();
std::string_view StreetName(std::size_t index);

// The administrative unit (commune and province in force) of a commune index.
void FillUnit(std::uint16_t commune, common::v1::AdministrativeUnit* out);
// street, unit and full_text ("12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh").
void FillAddress(const StreetAddress& address, std::uint16_t commune, common::v1::Address* out);

}  // namespace ndxp::connectors
