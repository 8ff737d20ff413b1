#pragma once
// Household codes of the National Population Database as this project writes them: "H", the
// five-digit code of the commune (in force since 1 July 2025) where the household is registered,
// then a six-digit sequence 000001..999999, e.g. "H26740000123". Read by population
// (GetHousehold) and by every connector that takes a household (insurance).

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::connectors {

struct HouseholdCode {
  std::uint32_t commune_code = 0;  // five digits, a commune in force
  std::uint32_t sequence = 0;      // 1..999999
};

// Parses and validates `text`. Errors are core::FieldViolation on `field` naming the part that is
// wrong (the shape, the commune, the sequence).
absl::StatusOr<HouseholdCode> ParseHouseholdCode(std::string_view text,
                                                 std::string_view field = "household_id");

// "H26740000123".
std::string FormatHouseholdCode(std::uint32_t commune_code, std::uint32_t sequence);

}  // namespace ndxp::connectors
