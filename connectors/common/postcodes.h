#pragma once
// National postcodes (mã bưu chính quốc gia), 5 digits since 2018 (domain-formats.md §6): digits
// 1-2 name the province (each pre-2025 province has 1 to 5 prefixes: Hà Nội 10-14, TP Hồ Chí
// Minh 70-74), the province itself is its first prefix followed by 000 ("70000"), and each
// commune has its own code. The prefixes are the real ones; the codes of the communes in force
// since 1 July 2025 are synthetic (no public list exists yet): each commune takes a prefix of the
// old province of its main predecessor and a number of its own, the same for every seed.

#include <absl/status/statusor.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ndxp::connectors {

// The postcode prefixes (two digits) of a pre-2025 province (an AdminUnits index).
std::span<const std::uint8_t> OldProvincePostcodePrefixes(std::uint8_t old_province);
// The prefixes of a province in force (an AdminUnits index): those of its member provinces.
std::vector<std::uint8_t> ProvincePostcodePrefixes(std::uint16_t province);
// The province-level code of a province in force: its first prefix and 000, e.g. 70000.
std::uint32_t ProvincePostcode(std::uint16_t province);
// The postcode of a commune in force (an AdminUnits index), e.g. 70145.
std::uint32_t CommunePostcode(std::uint16_t commune);
// The commune (AdminUnits index) with this postcode, or -1 (a province-level code is none).
int FindCommuneByPostcode(std::uint32_t postcode);
// The province in force (AdminUnits index) whose prefix this is, or -1.
int ProvinceOfPostcodePrefix(int prefix);

// Five digits, zero-padded.
std::string FormatPostcode(std::uint32_t postcode);

// Parses a postcode: exactly five digits whose first two are a province's prefix. Errors are
// core::FieldViolation on `field` saying which part is wrong.
absl::StatusOr<std::uint32_t> ParsePostcode(std::string_view text,
                                            std::string_view field = "postcode");

}  // namespace ndxp::connectors
