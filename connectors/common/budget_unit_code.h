#pragma once
// Budget-relationship unit codes (mã số đơn vị có quan hệ với ngân sách, Thông tư 185/2015/TT-BTC;
// shared docs domain-formats.md §8e): seven digits K SSSSS C. K is the kind of unit (1 budget-using
// unit, 2 other unit with budget relationships, 3 budget of an administrative level, 7 investment
// project in preparation, 8 investment project in implementation), SSSSS a sequence 00001..99999
// and C a check digit: the Luhn digit of the first six (decision 0121: the real codes have no
// published check digit; this project adds one so that typing errors are caught).

#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ndxp::connectors {

struct BudgetUnitCode {
  std::uint32_t value = 0;     // the seven digits as a number
  int kind_digit = 0;          // K: 1, 2, 3, 7 or 8
  std::uint32_t sequence = 0;  // 1..99999
};

// True for the kind digits in use: 1, 2, 3, 7, 8.
bool IsBudgetUnitKindDigit(int digit);

// The Luhn check digit of six digits (a number below 1,000,000).
int BudgetUnitCheckDigit(std::uint32_t six_digits);

// The seven-digit code for a kind digit and a sequence 1..99999.
std::uint32_t MakeBudgetUnitCode(int kind_digit, std::uint32_t sequence);

// Parses and validates `text`. Errors are core::FieldViolation on `field` saying what is wrong:
// the length, a non-digit, the kind digit, a zero sequence, or the check digit ("the check digit
// is 4, not 7").
absl::StatusOr<BudgetUnitCode> ParseBudgetUnitCode(std::string_view text,
                                                   std::string_view field = "budget_unit_code");

// Seven digits, zero-padded.
std::string FormatBudgetUnitCode(std::uint32_t code);

}  // namespace ndxp::connectors
