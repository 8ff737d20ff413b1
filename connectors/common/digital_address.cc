#include "connectors/common/digital_address.h"

#include <array>

#include "connectors/common/postcodes.h"
#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base 32
constexpr int kBase = 32;

// Value of a base-32 character (either case), or -1.
int ValueOf(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const std::size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Luhn mod 32 over nine values: the check value that makes the whole sequence valid.
int CheckValue(const std::array<int, 9>& values) {
  int factor = 2, sum = 0;
  for (std::size_t i = values.size(); i-- > 0;) {
    int addend = factor * values[i];
    factor = factor == 2 ? 1 : 2;
    addend = addend / kBase + addend % kBase;
    sum += addend;
  }
  return (kBase - sum % kBase) % kBase;
}

std::array<int, 9> ValuesOf(std::uint32_t postcode, std::uint32_t serial) {
  std::array<int, 9> values{};
  for (int i = 4; i >= 0; --i, postcode /= 10) values[static_cast<std::size_t>(i)] = postcode % 10;
  for (int i = 8; i >= 5; --i, serial /= kBase) {
    values[static_cast<std::size_t>(i)] = static_cast<int>(serial % kBase);
  }
  return values;
}

}  // namespace

std::string FormatDigitalAddress(std::uint32_t postcode, std::uint32_t serial) {
  const std::array<int, 9> values = ValuesOf(postcode % 100'000, serial % kDigitalAddressSerials);
  std::string text;
  text.reserve(11);
  for (std::size_t i = 0; i < 5; ++i) text.push_back(static_cast<char>('0' + values[i]));
  text.push_back('-');
  for (std::size_t i = 5; i < 9; ++i) text.push_back(kAlphabet[values[i]]);
  text.push_back(kAlphabet[CheckValue(values)]);
  return text;
}

absl::StatusOr<DigitalAddressCode> ParseDigitalAddress(std::string_view text,
                                                       std::string_view field) {
  if (text.size() != 11) {
    return core::FieldViolation(
        field, core::Cat("must be 11 characters (5 postcode digits, a hyphen, 4 address "
                         "characters and a check character, e.g. 70145-SQ5VY), not ",
                         CharactersText(CharacterCount(text))));
  }
  if (text[5] != '-') return core::FieldViolation(field, "the 6th character must be a hyphen");
  DigitalAddressCode code;
  for (std::size_t i = 0; i < 5; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return core::FieldViolation(field, "characters 1 to 5 (the postcode) must be digits");
    }
    code.postcode = code.postcode * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  for (std::size_t i = 6; i < 11; ++i) {
    if (ValueOf(text[i]) < 0) {
      return core::FieldViolation(
          field, core::Cat("character ", i + 1,
                           " is not used in these codes: they use 0-9 and A-Z without I, L, O, U"));
    }
    if (i < 10) code.serial = code.serial * kBase + static_cast<std::uint32_t>(ValueOf(text[i]));
  }
  if (ProvinceOfPostcodePrefix(static_cast<int>(code.postcode / 1000)) < 0) {
    return core::FieldViolation(field,
                                core::Cat("the postcode's first two digits ", text.substr(0, 2),
                                          " are not the prefix of any province"));
  }
  const char expected = kAlphabet[CheckValue(ValuesOf(code.postcode, code.serial))];
  if (ValueOf(text[10]) != ValueOf(expected)) {
    const char given =
        static_cast<char>(text[10] >= 'a' && text[10] <= 'z' ? text[10] - 32 : text[10]);
    return core::FieldViolation(
        field, core::Cat("the check character is ", std::string(1, expected), ", not ",
                         std::string(1, given)));
  }
  return code;
}

}  // namespace ndxp::connectors
