#include "connectors/common/vin.h"

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

// Transliteration of 49 CFR 565.15 (letters to 1..9; I, O, Q have none).
int Value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  switch (c) {
    case 'A':
    case 'J':
      return 1;
    case 'B':
    case 'K':
    case 'S':
      return 2;
    case 'C':
    case 'L':
    case 'T':
      return 3;
    case 'D':
    case 'M':
    case 'U':
      return 4;
    case 'E':
    case 'N':
    case 'V':
      return 5;
    case 'F':
    case 'W':
      return 6;
    case 'G':
    case 'P':
    case 'X':
      return 7;
    case 'H':
    case 'Y':
      return 8;
    case 'R':
    case 'Z':
      return 9;
    default:
      return -1;
  }
}

constexpr int kWeights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

}  // namespace

std::optional<char> VinCheckDigit(std::string_view vin) {
  if (vin.size() != 17) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (i == 8) continue;
    const int v = Value(vin[i]);
    if (v < 0) return std::nullopt;
    sum += v * kWeights[i];
  }
  const int check = sum % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

bool VinCheckDigitRequired(std::string_view vin) {
  return !vin.empty() && ((vin[0] >= '1' && vin[0] <= '5') || vin[0] == 'L');
}

absl::StatusOr<std::string> ParseVin(std::string_view text, std::string_view field) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() != 17) return core::FieldViolation(field, "must be exactly 17 characters");
  std::string vin(text);
  for (std::size_t i = 0; i < vin.size(); ++i) {
    char& c = vin[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (Value(c) < 0) {
      const bool ioq = c == 'I' || c == 'O' || c == 'Q';
      return core::FieldViolation(field, core::Cat("position ", static_cast<int>(i + 1),
                                                   ioq ? " is I, O or Q, letters a VIN never uses"
                                                       : " is not a digit or a capital letter"));
    }
  }
  if (VinCheckDigitRequired(vin)) {
    const char expected = *VinCheckDigit(vin);
    if (vin[8] != expected) {
      return core::FieldViolation(
          field, core::Cat("the check digit (position 9) is ", std::string(1, vin[8]), ", not ",
                           std::string(1, expected),
                           " (mandatory for a North American or "
                           "Chinese manufacturer code)"));
    }
  }
  return vin;
}

char VinModelYearCode(int year) {
  static constexpr std::string_view kCodes = "123456789ABCDEFGHJKLMNPRSTVWXY";
  const int i = (year - 2001) % 30;
  return kCodes[static_cast<std::size_t>(i < 0 ? i + 30 : i)];
}

}  // namespace ndxp::connectors
