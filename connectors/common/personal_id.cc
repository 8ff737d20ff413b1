#include "connectors/common/personal_id.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {

absl::StatusOr<PersonalId> ParsePersonalId(std::string_view text, std::string_view field,
                                           int latest_birth_year) {
  if (text.empty()) {
    return core::FieldViolation(field, "is empty: a personal identification number is 12 digits");
  }
  const std::size_t non_digit = FirstNonDigitPosition(text);
  if (non_digit != 0) {
    return core::FieldViolation(field, core::Cat("character ", non_digit,
                                                 " is not a digit: a personal identification "
                                                 "number is 12 digits 0-9"));
  }
  if (text.size() != 12) {
    return core::FieldViolation(field, core::Cat("has ", text.size(),
                                                 text.size() == 1 ? " digit" : " digits",
                                                 ": it must have exactly 12"));
  }
  std::uint64_t value = 0;
  for (char c : text) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  PersonalId id;
  id.value = value;
  id.province_code = static_cast<int>(value / 1'000'000'000);
  if (AdminUnits::Get().FindOldProvince(id.province_code) < 0) {
    return core::FieldViolation(
        field, core::Cat("the first three digits (the birth-registration province) are ",
                         text.substr(0, 3),
                         ", which is not one of the 63 province codes (001 to 096, with gaps: "
                         "e.g. 001 Hà Nội, 079 Hồ Chí Minh)"));
  }
  const int century_sex = static_cast<int>(value / 100'000'000 % 10);
  const int yy = static_cast<int>(value / 1'000'000 % 100);
  id.female = century_sex % 2 == 1;
  id.birth_year = 1900 + (century_sex / 2) * 100 + yy;
  id.serial = static_cast<std::uint32_t>(value % 1'000'000);
  if (id.birth_year > latest_birth_year) {
    return core::FieldViolation(
        field, core::Cat("digits 4 to 6 (century and sex ", text.substr(3, 1), ", year ",
                         text.substr(4, 2), ") give the birth year ", id.birth_year,
                         ", which is after ", latest_birth_year));
  }
  return id;
}

bool IsValidPersonalId(std::string_view text, int latest_birth_year) {
  return ParsePersonalId(text, "personal_id", latest_birth_year).ok();
}

int CenturySexDigit(int birth_year, bool female) {
  return ((birth_year - 1900) / 100) * 2 + (female ? 1 : 0);
}

std::uint64_t ComposePersonalId(int province_code, int birth_year, bool female,
                                std::uint32_t serial) {
  return static_cast<std::uint64_t>(province_code) * 1'000'000'000 +
         static_cast<std::uint64_t>(CenturySexDigit(birth_year, female)) * 100'000'000 +
         static_cast<std::uint64_t>(birth_year % 100) * 1'000'000 + serial;
}

std::string FormatPersonalId(std::uint64_t value) {
  std::string out(12, '0');
  for (int i = 11; i >= 0 && value > 0; --i, value /= 10) {
    out[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  }
  return out;
}

bool PersonalIdMatches(const PersonalId& id, const CivilDate& birth, bool female) {
  return id.birth_year == birth.year && id.female == female;
}

}  // namespace ndxp::connectors
