#pragma once
// The two-digit code of a province in force since 1 July 2025 (one of 34, codes 01..96 with
// gaps), as requests give it: "79". Validation names what is wrong, and for the code of one of
// the 63 former provinces says which province it is now part of. See decision 0151.

#include <absl/status/statusor.h>

#include <string>
#include <string_view>

namespace ndxp::connectors {

// Why `code` is not the code of a province in force, for a field violation ("" when it is one),
// e.g. "has 1 digit: it must have two (01 for Hà Nội)", "77 was the code of Tỉnh Bà Rịa - Vũng
// Tàu until 30 June 2025: it is now part of Thành phố Hồ Chí Minh, code 79".
std::string ProvinceCodeProblem(std::string_view code);

// The province's index in AdminUnits::provinces(), or a core::FieldViolation on `field` with
// ProvinceCodeProblem as description.
absl::StatusOr<int> ParseProvinceCode(std::string_view code,
                                      std::string_view field = "province_code");

}  // namespace ndxp::connectors
