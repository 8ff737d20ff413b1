#pragma once
// Enterprise codes (mã số doanh nghiệp, also the tax code): ten digits N1..N10, N1N2 a range
// prefix (historically the issuing tax department's province), N3..N9 a sequence
// 0000001..9999999, N10 a check digit: N10 = 10 - (sum of Ni * Wi mod 11) with weights
// 31, 29, 23, 19, 17, 13, 7, 5, 3. A stem whose sum is divisible by 11 would need the check
// "digit" 10: such stems are never issued, so codes built on them are invalid. Dependent units
// (branches, representative offices) add a three-digit suffix 001..999: "0100109106-001" or
// "0100109106001". See shared docs domain-formats.md §2.

#include <absl/status/statusor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ndxp::connectors {

struct EnterpriseCode {
  std::uint64_t enterprise = 0;  // the ten digits as a number
  int unit_suffix = 0;           // 0 for the enterprise itself, else 1..999
  bool is_dependent_unit() const { return unit_suffix != 0; }
};

// The check digit for nine digits (as text "010010910" or as a number), or nullopt when the
// stem is never issued (weighted sum divisible by 11).
std::optional<int> EnterpriseCheckDigit(std::string_view nine_digits);
std::optional<int> EnterpriseCheckDigit(std::uint64_t stem);

// A ten-digit code with a valid check digit, from a two-digit prefix (0..99) and a sequence
// (1..9,999,999); nullopt when the sequence is out of range or the stem is never issued.
std::optional<std::uint64_t> MakeEnterpriseCode(int prefix, std::uint32_t sequence);

// Parses a ten-digit enterprise code or a thirteen-digit dependent-unit code, with or without
// the hyphen. Errors are core::FieldViolation on `field`.
absl::StatusOr<EnterpriseCode> ParseEnterpriseCode(std::string_view text,
                                                   std::string_view field = "enterprise_code");

// True for a valid ten-digit enterprise code (no suffix).
bool IsValidEnterpriseCode(std::string_view text);

// "0100109106", or "0100109106-001" with a suffix.
std::string FormatEnterpriseCode(std::uint64_t enterprise, int unit_suffix = 0);
std::string FormatEnterpriseCode(const EnterpriseCode& code);

}  // namespace ndxp::connectors
