#pragma once
// Identifiers of Vietnam Social Security (shared docs domain-formats.md §3):
// - the social insurance number (mã số BHXH): ten digits, no published check digit; this project
//   writes the two-digit GSO code of the pre-2025 province that first issued it in front (as
//   observed on real cards: 79… in TP Hồ Chí Minh), but only the ten digits are validated;
// - the health-insurance card code (mã thẻ BHYT), 15 characters "GG L PP NNNNNNNNNN": a
//   beneficiary group code (two capital letters), the benefit level 1..5, the two-digit code of
//   the province that issued the card, and the holder's social insurance number. Printed forms
//   with hyphens or spaces between the parts ("HC4-01-0123456789", "DN 4 79 7912345678") are
//   accepted.

#include <absl/status/statusor.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ndxp::connectors {

// One beneficiary group (đối tượng) of the card code, with the benefit level it is printed with.
struct BeneficiaryGroup {
  std::string_view code;         // "DN"
  std::uint8_t benefit_level;    // 1..5 (QĐ 1351/QĐ-BHXH as amended; LIKELY, §3b)
  std::string_view description;  // "Người lao động làm việc trong doanh nghiệp"
};

// Every group code known to the card format (the §3b table plus TV, TL, XV and LH).
std::span<const BeneficiaryGroup> BeneficiaryGroups();
// The group with this two-letter code, or nullptr.
const BeneficiaryGroup* FindBeneficiaryGroup(std::string_view code);

// Parses a social insurance number: exactly ten digits. Errors are core::FieldViolation on
// `field`; they never repeat the number.
absl::StatusOr<std::uint64_t> ParseSocialInsuranceNumber(
    std::string_view text, std::string_view field = "social_insurance_number");
// Ten digits, zero-padded.
std::string FormatSocialInsuranceNumber(std::uint64_t number);

struct HealthInsuranceCardCode {
  const BeneficiaryGroup* group = nullptr;
  int benefit_level = 0;                      // 1..5
  int province_code = 0;                      // 1..96
  std::uint64_t social_insurance_number = 0;  // the last ten digits
};

// Parses a card code (15 characters, or the printed form with '-' or ' ' between the parts).
// Errors are core::FieldViolation on `field` naming the part that is wrong: the length, the group
// code, the benefit level, the province code (the GSO code of a province, before or after the
// 2025 reorganisation), the ten digits. The benefit level is not checked against the group (the
// pairing changes over time, e.g. CN from 3 to 2 in 2026).
absl::StatusOr<HealthInsuranceCardCode> ParseHealthInsuranceCardCode(
    std::string_view text, std::string_view field = "card_code");
// "DN4797912345678".
std::string FormatHealthInsuranceCardCode(std::string_view group, int benefit_level,
                                          int province_code, std::uint64_t social_insurance_number);

}  // namespace ndxp::connectors
