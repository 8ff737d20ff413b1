#include "connectors/common/household_code.h"

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "gateway/core/status.h"

namespace ndxp::connectors {

absl::StatusOr<HouseholdCode> ParseHouseholdCode(std::string_view text, std::string_view field) {
  if (text.size() != 12 || text[0] != 'H') {
    return core::FieldViolation(field, "must be H followed by 11 digits (commune code, sequence)");
  }
  HouseholdCode code;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return core::FieldViolation(field,
                                  "must be H followed by 11 digits (commune code, sequence)");
    }
    auto& part = i <= 5 ? code.commune_code : code.sequence;
    part = part * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  if (AdminUnits::Get().FindCommune(code.commune_code) < 0) {
    return core::FieldViolation(field, "digits 1 to 5 must be the code of a commune in force");
  }
  if (code.sequence == 0) return core::FieldViolation(field, "the sequence must not be 000000");
  return code;
}

std::string FormatHouseholdCode(std::uint32_t commune_code, std::uint32_t sequence) {
  char text[16];
  std::snprintf(text, sizeof text, "H%05u%06u", commune_code % 100'000, sequence % 1'000'000);
  return text;
}

}  // namespace ndxp::connectors
