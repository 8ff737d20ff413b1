#include "connectors/common/province_code.h"

#include "connectors/common/admin_units.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {

std::string ProvinceCodeProblem(std::string_view code) {
  constexpr std::string_view kExpected =
      "the two-digit code of one of the 34 provinces in force since 1 July 2025, e.g. 01 (Hà "
      "Nội) or 79 (Thành phố Hồ Chí Minh)";
  if (code.empty()) return core::Cat("is empty: it must be ", kExpected);
  if (const std::size_t at = FirstNonDigitPosition(code); at != 0) {
    return core::Cat("character ", at, " is not a digit: it must be ", kExpected);
  }
  if (code.size() != 2) {
    return core::Cat("has ", code.size(), code.size() == 1 ? " digit" : " digits",
                     ": it must have two (a leading zero for codes below 10, e.g. 01 for Hà Nội)");
  }
  const AdminUnits& units = AdminUnits::Get();
  if (units.FindProvince(code) >= 0) return "";
  const int old = units.FindOldProvince((code[0] - '0') * 10 + (code[1] - '0'));
  if (old >= 0) {
    const OldProvince& former = units.old_provinces()[static_cast<std::size_t>(old)];
    const Province& now = units.provinces()[former.province];
    return core::Cat(code, " was the code of ", former.name,
                     " until 30 June 2025: it is now part of ", now.name, ", code ",
                     now.code_text);
  }
  return core::Cat(code, " is not a province code: it must be ", kExpected);
}

absl::StatusOr<int> ParseProvinceCode(std::string_view code, std::string_view field) {
  const int province = AdminUnits::Get().FindProvince(code);
  if (province >= 0) return province;
  return core::FieldViolation(field, ProvinceCodeProblem(code));
}

}  // namespace ndxp::connectors
