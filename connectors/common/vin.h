#pragma once
// Vehicle identification numbers (VIN, số khung) per ISO 3779: 17 characters, digits and capital
// letters except I, O and Q; positions 1-3 the world manufacturer identifier (WMI: "RL" is
// Vietnam, "L" China, "J" Japan, "K" Korea, "M" India and Thailand, "W" Germany, 1-5 North
// America), 4-9 the vehicle descriptor, 10-17 the vehicle indicator (10: model year). Position 9
// is a check digit (weighted sum of transliterated characters mod 11, 10 written X) where it is
// mandatory: North America (49 CFR 565, WMI 1-5) and China (GB 16735, WMI L). Elsewhere ISO 3779
// leaves position 9 free, so it is not checked. See shared docs domain-formats.md §4.

#include <absl/status/statusor.h>

#include <optional>
#include <string>
#include <string_view>

namespace ndxp::connectors {

// The check character ('0'..'9' or 'X') of 17 VIN characters (position 9 ignored), or nullopt
// when a character is not allowed in a VIN.
std::optional<char> VinCheckDigit(std::string_view vin);

// True when position 9 must be the check digit (WMI starting with 1-5 or L).
bool VinCheckDigitRequired(std::string_view vin);

// Parses a VIN (letters in any case; surrounding spaces ignored) and returns it in capitals.
// Errors are core::FieldViolation on `field`: the length, the first character not allowed and
// its position, or the check digit found and the one expected.
absl::StatusOr<std::string> ParseVin(std::string_view text, std::string_view field = "vin");

// The model-year character of position 10 for a year 2001..2030 (1..9, then A..Y without I, O, Q,
// U, Z), as ISO 3779 / 49 CFR 565 code it.
char VinModelYearCode(int year);

}  // namespace ndxp::connectors
