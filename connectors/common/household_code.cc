#include "connectors/common/household_code.h"

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {

absl::StatusOr<HouseholdCode> ParseHouseholdCode(std::string_view text, std::string_view field) {
  constexpr std::string_view kForm =
      "H, the five-digit commune code, then a six-digit sequence, e.g. H26740000123";
  if (text.empty()) return core::FieldViolation(field, core::Cat("is empty: it must be ", kForm));
  if (text[0] != 'H') {
    return core::FieldViolation(field,
                                core::Cat("must start with the capital letter H: it is ", kForm));
  }
  const std::size_t non_digit = FirstNonDigitPosition(text.substr(1));
  if (non_digit != 0) {
    return core::FieldViolation(field, core::Cat("character ", non_digit + 1,
                                                 " is not a digit: after the H come 11 digits, ",
                                                 "the commune code then the sequence"));
  }
  if (text.size() != 12) {
    return core::FieldViolation(field, core::Cat("has ", text.size() - 1,
                                                 " digits after the H: it must have 11 (", kForm,
                                                 ")"));
  }
  HouseholdCode code;
  for (std::size_t i = 1; i < text.size(); ++i) {
    auto& part = i <= 5 ? code.commune_code : code.sequence;
    part = part * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  const AdminUnits& units = AdminUnits::Get();
  if (units.FindCommune(code.commune_code) < 0) {
    const std::string_view commune = text.substr(1, 5);
    if (const int index = units.FindOldCommune(code.commune_code); index >= 0) {
      const OldCommune* old = &units.old_communes()[index];
      const Commune& now = units.communes()[old->commune];
      return core::FieldViolation(
          field, core::Cat("characters 2 to 6 (the commune code) are ", commune,
                           ", the code of ", old->name, " until 30 June 2025: it is now part of ",
                           now.name, ", code ", now.code_text));
    }
    return core::FieldViolation(
        field, core::Cat("characters 2 to 6 (the commune code) are ", commune,
                         ", which is not the code of a commune in force since 1 July 2025"));
  }
  if (code.sequence == 0) {
    return core::FieldViolation(field,
                                "the last six digits (the sequence in the commune) are 000000: "
                                "the sequence must be 000001 to 999999");
  }
  return code;
}

std::string FormatHouseholdCode(std::uint32_t commune_code, std::uint32_t sequence) {
  char text[16];
  std::snprintf(text, sizeof text, "H%05u%06u", commune_code % 100'000, sequence % 1'000'000);
  return text;
}

}  // namespace ndxp::connectors
