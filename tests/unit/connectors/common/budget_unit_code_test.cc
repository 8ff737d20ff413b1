#include "connectors/common/budget_unit_code.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::BadRequestOf;
using testing::ViolationField;

std::string Description(const absl::Status& status) {
  auto bad = BadRequestOf(status);
  return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
}

TEST(BudgetUnitCodeTest, LuhnCheckDigit) {
  // Luhn, doubling from the rightmost digit: 100001 -> 2 + 0 + 0 + 0 + 0 + 1 = 3 -> 7.
  EXPECT_EQ(BudgetUnitCheckDigit(100'001), 7);
  EXPECT_EQ(MakeBudgetUnitCode(1, 1), 1'000'017u);
  // 739871 -> 2 + 7 + 7 + 9 + 6 + 7 = 38 -> 2.
  EXPECT_EQ(BudgetUnitCheckDigit(739'871), 2);
  for (std::uint32_t seq : {1u, 42u, 99'999u}) {
    for (int kind : {1, 2, 3, 7, 8}) {
      const std::uint32_t code = MakeBudgetUnitCode(kind, seq);
      auto parsed = ParseBudgetUnitCode(FormatBudgetUnitCode(code));
      ASSERT_TRUE(parsed.ok()) << code << ": " << parsed.status();
      EXPECT_EQ(parsed->value, code);
      EXPECT_EQ(parsed->kind_digit, kind);
      EXPECT_EQ(parsed->sequence, seq);
    }
  }
}

TEST(BudgetUnitCodeTest, EverySingleDigitErrorIsCaught) {
  const std::string code = FormatBudgetUnitCode(MakeBudgetUnitCode(1, 23'456));
  for (std::size_t i = 0; i < code.size(); ++i) {
    for (char d = '0'; d <= '9'; ++d) {
      if (d == code[i]) continue;
      std::string typo = code;
      typo[i] = d;
      EXPECT_FALSE(ParseBudgetUnitCode(typo).ok()) << typo;
    }
  }
}

TEST(BudgetUnitCodeTest, SaysWhatIsWrong) {
  const auto d = [](std::string_view text) {
    auto r = ParseBudgetUnitCode(text);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(ViolationField(r.status()), "budget_unit_code");
    return Description(r.status());
  };
  EXPECT_EQ(d(""), "must be exactly 7 digits");
  EXPECT_EQ(d("12345678"), "must be exactly 7 digits");
  EXPECT_EQ(d("12A4567"), "must contain only digits 0-9");
  EXPECT_EQ(d("5000016"), "the first digit is the kind of unit (1, 2, 3, 7 or 8), not 5");
  EXPECT_EQ(d("1000000"), "the sequence (digits 2 to 6) must not be 00000");
  EXPECT_EQ(d("1000011"), "the check digit (digit 7) must be 7 for these six digits, not 1");
  EXPECT_EQ(ViolationField(ParseBudgetUnitCode("1", "governing_unit_code").status()),
            "governing_unit_code");
}

}  // namespace
}  // namespace ndxp::connectors
