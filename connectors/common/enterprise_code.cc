#include "connectors/common/enterprise_code.h"

#include <cstdio>

#include "connectors/common/text.h"
#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {
namespace {

constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::uint64_t ToNumber(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

}  // namespace

std::optional<int> EnterpriseCheckDigit(std::uint64_t stem) {
  int sum = 0;
  for (int i = 8; i >= 0; --i, stem /= 10) sum += static_cast<int>(stem % 10) * kWeights[i];
  const int check = 10 - sum % 11;
  if (check == 10) return std::nullopt;
  return check;
}

std::optional<int> EnterpriseCheckDigit(std::string_view nine_digits) {
  if (nine_digits.size() != 9 || !AllDigits(nine_digits)) return std::nullopt;
  return EnterpriseCheckDigit(ToNumber(nine_digits));
}

std::optional<std::uint64_t> MakeEnterpriseCode(int prefix, std::uint32_t sequence) {
  if (prefix < 0 || prefix > 99 || sequence < 1 || sequence > 9'999'999) return std::nullopt;
  const std::uint64_t stem = static_cast<std::uint64_t>(prefix) * 10'000'000 + sequence;
  const auto check = EnterpriseCheckDigit(stem);
  if (!check) return std::nullopt;
  return stem * 10 + static_cast<std::uint64_t>(*check);
}

absl::StatusOr<EnterpriseCode> ParseEnterpriseCode(std::string_view text, std::string_view field) {
  constexpr std::string_view kForms =
      "10 digits, or 13 for a dependent unit written NNNNNNNNNN-NNN or NNNNNNNNNNNNN";
  if (text.empty()) return core::FieldViolation(field, core::Cat("is empty: it must be ", kForms));
  std::string_view base = text;
  std::string_view suffix;
  std::size_t non_digit = 0;
  if (text.size() == 14 && text[10] == '-') {
    base = text.substr(0, 10);
    suffix = text.substr(11);
    if (const std::size_t at = FirstNonDigitPosition(base); at != 0) {
      non_digit = at;
    } else if (const std::size_t at_suffix = FirstNonDigitPosition(suffix); at_suffix != 0) {
      non_digit = 11 + at_suffix;
    }
  } else {
    non_digit = FirstNonDigitPosition(text);
    if (non_digit == 0 && text.size() == 13) {
      base = text.substr(0, 10);
      suffix = text.substr(10);
    }
  }
  if (non_digit != 0) {
    // Every character before the first non-digit is ASCII, so its byte index is non_digit - 1.
    const bool hyphen_misplaced = text[non_digit - 1] == '-';
    return core::FieldViolation(
        field, core::Cat("character ", non_digit, " is not a digit",
                         hyphen_misplaced ? " (the only hyphen allowed is the 11th character, "
                                            "before a dependent unit's three-digit suffix)"
                                          : "",
                         ": it must be ", kForms));
  }
  if (base.size() != 10) {
    return core::FieldViolation(field, core::Cat("has ", text.size(),
                                                 " digits: it must be ", kForms));
  }
  if (base.substr(2, 7) == "0000000") {
    return core::FieldViolation(
        field, "digits 3 to 9 (the sequence) are 0000000: the sequence must be 0000001 to 9999999");
  }
  const auto check = EnterpriseCheckDigit(base.substr(0, 9));
  if (!check) {
    return core::FieldViolation(
        field, core::Cat("digits 1 to 9 (", base.substr(0, 9),
                         ") would need the check digit 10, so no code is issued on them"));
  }
  if (*check != base[9] - '0') {
    return core::FieldViolation(field, core::Cat("the check digit (digit 10) is ", base[9],
                                                 ", but digits 1 to 9 give ", *check));
  }
  EnterpriseCode code;
  code.enterprise = ToNumber(base);
  if (!suffix.empty()) {
    code.unit_suffix = static_cast<int>(ToNumber(suffix));
    if (code.unit_suffix == 0) {
      return core::FieldViolation(
          field, "the dependent-unit suffix (the last three digits) is 000: it must be 001 to 999");
    }
  }
  return code;
}

bool IsValidEnterpriseCode(std::string_view text) {
  if (text.size() != 10) return false;
  auto code = ParseEnterpriseCode(text);
  return code.ok() && !code->is_dependent_unit();
}

std::string FormatEnterpriseCode(std::uint64_t enterprise, int unit_suffix) {
  char buf[24];
  if (unit_suffix == 0) {
    std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(enterprise));
  } else {
    std::snprintf(buf, sizeof buf, "%010llu-%03d", static_cast<unsigned long long>(enterprise),
                  unit_suffix);
  }
  return buf;
}

std::string FormatEnterpriseCode(const EnterpriseCode& code) {
  return FormatEnterpriseCode(code.enterprise, code.unit_suffix);
}

}  // namespace ndxp::connectors
