#include "connectors/common/budget_unit_code.h"

#include <cstdio>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::connectors {

bool IsBudgetUnitKindDigit(int digit) {
  return digit == 1 || digit == 2 || digit == 3 || digit == 7 || digit == 8;
}

int BudgetUnitCheckDigit(std::uint32_t six_digits) {
  // Luhn: from the rightmost payload digit, double every other digit (starting with it).
  int sum = 0;
  bool twice = true;
  for (int i = 0; i < 6; ++i, six_digits /= 10, twice = !twice) {
    int d = static_cast<int>(six_digits % 10);
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return (10 - sum % 10) % 10;
}

std::uint32_t MakeBudgetUnitCode(int kind_digit, std::uint32_t sequence) {
  const std::uint32_t six = static_cast<std::uint32_t>(kind_digit) * 100'000 + sequence % 100'000;
  return six * 10 + static_cast<std::uint32_t>(BudgetUnitCheckDigit(six));
}

absl::StatusOr<BudgetUnitCode> ParseBudgetUnitCode(std::string_view text, std::string_view field) {
  if (text.size() != 7) return core::FieldViolation(field, "must be exactly 7 digits");
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return core::FieldViolation(field, "must contain only digits 0-9");
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  BudgetUnitCode code;
  code.value = value;
  code.kind_digit = static_cast<int>(value / 1'000'000);
  code.sequence = value / 10 % 100'000;
  if (!IsBudgetUnitKindDigit(code.kind_digit)) {
    return core::FieldViolation(
        field,
        core::Cat("the first digit is the kind of unit (1, 2, 3, 7 or 8), not ", code.kind_digit));
  }
  if (code.sequence == 0) {
    return core::FieldViolation(field, "the sequence (digits 2 to 6) must not be 00000");
  }
  const int expected = BudgetUnitCheckDigit(value / 10);
  const int given = static_cast<int>(value % 10);
  if (expected != given) {
    return core::FieldViolation(field, core::Cat("the check digit (digit 7) must be ", expected,
                                                 " for these six digits, not ", given));
  }
  return code;
}

std::string FormatBudgetUnitCode(std::uint32_t code) {
  char text[16];
  std::snprintf(text, sizeof text, "%07u", code % 10'000'000);
  return text;
}

}  // namespace ndxp::connectors
