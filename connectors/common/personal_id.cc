#include "connectors/common/personal_id.h"

#include "connectors/common/admin_units.h"
#include "gateway/core/status.h"

namespace ndxp::connectors {

absl::StatusOr<PersonalId> ParsePersonalId(std::string_view text, std::string_view field,
                                           int latest_birth_year) {
  if (text.size() != 12) return core::FieldViolation(field, "must be exactly 12 digits");
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return core::FieldViolation(field, "must contain only digits 0-9");
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  PersonalId id;
  id.value = value;
  id.province_code = static_cast<int>(value / 1'000'000'000);
  if (AdminUnits::Get().FindOldProvince(id.province_code) < 0) {
    return core::FieldViolation(
        field, "the first three digits must be a birth-registration province code (001-096)");
  }
  const int century_sex = static_cast<int>(value / 100'000'000 % 10);
  const int yy = static_cast<int>(value / 1'000'000 % 100);
  id.female = century_sex % 2 == 1;
  id.birth_year = 1900 + (century_sex / 2) * 100 + yy;
  id.serial = static_cast<std::uint32_t>(value % 1'000'000);
  if (id.birth_year > latest_birth_year) {
    return core::FieldViolation(
        field, "digits 4 to 6 (century, sex and year of birth) give a birth year in the future");
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
