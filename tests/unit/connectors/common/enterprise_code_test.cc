#include "connectors/common/enterprise_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "connectors/common/rng.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

// The rule written out independently: N10 = 10 - (sum of Ni * Wi mod 11); 10 is never issued.
int ReferenceCheck(const std::string& nine) {
  static constexpr int kWeights[] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nine[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  return 10 - sum % 11;
}

TEST(EnterpriseCodeTest, RealCodesAreValid) {
  for (const char* code : {"0100109106", "0300588569", "0100233488", "0314409058", "0312687878"}) {
    auto parsed = ParseEnterpriseCode(code);
    ASSERT_TRUE(parsed.ok()) << code << ": " << parsed.status();
    EXPECT_FALSE(parsed->is_dependent_unit());
    EXPECT_EQ(FormatEnterpriseCode(*parsed), code);
    EXPECT_TRUE(IsValidEnterpriseCode(code));
  }
  EXPECT_EQ(EnterpriseCheckDigit(std::string_view("010010910")), 6);
  EXPECT_EQ(EnterpriseCheckDigit(std::string_view("030058856")), 9);
}

TEST(EnterpriseCodeTest, WrongCheckDigitIsInvalid) {
  for (const char* code : {"0100109107", "0300588560", "0100233480"}) {
    auto parsed = ParseEnterpriseCode(code);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << code;
    EXPECT_EQ(ViolationField(parsed.status()), "enterprise_code");
  }
}

TEST(EnterpriseCodeTest, StemsWithSumDivisibleByElevenAreNeverIssued) {
  // The first stems of prefix 01 whose weighted sum is divisible by 11.
  int found = 0;
  for (std::uint32_t seq = 1; seq < 200 && found < 3; ++seq) {
    char nine[16];
    std::snprintf(nine, sizeof nine, "01%07u", seq);
    if (ReferenceCheck(nine) != 10) continue;
    ++found;
    EXPECT_FALSE(EnterpriseCheckDigit(std::string_view(nine)).has_value()) << nine;
    EXPECT_FALSE(MakeEnterpriseCode(1, seq).has_value()) << nine;
    for (char d = '0'; d <= '9'; ++d) {
      const std::string code = std::string(nine) + d;
      EXPECT_FALSE(ParseEnterpriseCode(code).ok()) << code;  // neither 10 nor 10 mod 10 = 0
    }
  }
  EXPECT_EQ(found, 3);
}

TEST(EnterpriseCodeTest, CheckDigitAgreesWithTheRuleOnRandomStems) {
  Rng rng(42);
  for (int i = 0; i < 20'000; ++i) {
    char nine[16];
    std::snprintf(nine, sizeof nine, "%09llu",
                  static_cast<unsigned long long>(rng.Uniform(1'000'000'000)));
    const int expected = ReferenceCheck(nine);
    const auto check = EnterpriseCheckDigit(std::string_view(nine));
    if (expected == 10) {
      EXPECT_FALSE(check.has_value()) << nine;
    } else {
      ASSERT_TRUE(check.has_value()) << nine;
      EXPECT_EQ(*check, expected) << nine;
    }
  }
}

TEST(EnterpriseCodeTest, MakesValidCodes) {
  auto code = MakeEnterpriseCode(1, 10910);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(FormatEnterpriseCode(*code), "0100109106");
  EXPECT_FALSE(MakeEnterpriseCode(1, 0).has_value());
  EXPECT_FALSE(MakeEnterpriseCode(1, 10'000'000).has_value());
  EXPECT_FALSE(MakeEnterpriseCode(100, 1).has_value());
}

TEST(EnterpriseCodeTest, AllZeroSequenceIsInvalid) {
  // 01 0000000 has a computable check digit (3) but no sequence 0000000 is ever issued.
  EXPECT_EQ(EnterpriseCheckDigit(std::string_view("010000000")), 3);
  auto parsed = ParseEnterpriseCode("0100000003");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(EnterpriseCodeTest, DependentUnitCodes) {
  for (const char* code : {"0100109106-001", "0100109106001"}) {
    auto parsed = ParseEnterpriseCode(code);
    ASSERT_TRUE(parsed.ok()) << code << ": " << parsed.status();
    EXPECT_EQ(parsed->enterprise, 100109106u);
    EXPECT_EQ(parsed->unit_suffix, 1);
    EXPECT_EQ(FormatEnterpriseCode(*parsed), "0100109106-001");
    EXPECT_FALSE(IsValidEnterpriseCode(code));
  }
  auto last = ParseEnterpriseCode("0300588569-999");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->unit_suffix, 999);
  for (const char* bad :
       {"0100109106-000", "0100109106000", "0100109106-01", "0100109106_001", "0100109107-001",
        "0100109106-0a1", "0100109106-0001", "01001091060010", "010010910", ""}) {
    auto parsed = ParseEnterpriseCode(bad);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(parsed.status()), "enterprise_code") << bad;
  }
}

TEST(EnterpriseCodeTest, Formats) {
  EXPECT_EQ(FormatEnterpriseCode(100109106), "0100109106");
  EXPECT_EQ(FormatEnterpriseCode(100109106, 1), "0100109106-001");
  EXPECT_EQ(FormatEnterpriseCode(300588569, 120), "0300588569-120");
}

std::string Problem(std::string_view text) {
  auto code = ParseEnterpriseCode(text);
  EXPECT_FALSE(code.ok()) << text;
  return testing::ViolationDescription(code.status());
}

TEST(EnterpriseCodeTest, MessagesNameThePartThatIsWrong) {
  constexpr std::string_view kForms =
      "10 digits, or 13 for a dependent unit written NNNNNNNNNN-NNN or NNNNNNNNNNNNN";
  EXPECT_EQ(Problem(""), "is empty: it must be " + std::string(kForms));
  EXPECT_EQ(Problem("01001091"), "has 8 digits: it must be " + std::string(kForms));
  EXPECT_EQ(Problem("01001091060010"), "has 14 digits: it must be " + std::string(kForms));
  EXPECT_EQ(Problem("0100109106_001"),
            "character 11 is not a digit: it must be " + std::string(kForms));
  EXPECT_EQ(Problem("010010910-6001"),
            "character 10 is not a digit (the only hyphen allowed is the 11th character, before a "
            "dependent unit's three-digit suffix): it must be " + std::string(kForms));
  EXPECT_EQ(Problem("0100109106-0a1"),
            "character 13 is not a digit: it must be " + std::string(kForms));
  EXPECT_EQ(Problem("0100109106-01"),
            "character 11 is not a digit (the only hyphen allowed is the 11th character, before a "
            "dependent unit's three-digit suffix): it must be " + std::string(kForms));
  EXPECT_EQ(Problem("0100000006"),
            "digits 3 to 9 (the sequence) are 0000000: the sequence must be 0000001 to 9999999");
  EXPECT_EQ(Problem("0100109107"), "the check digit (digit 10) is 7, but digits 1 to 9 give 6");
  EXPECT_EQ(Problem("0100109107-001"),
            "the check digit (digit 10) is 7, but digits 1 to 9 give 6");
  EXPECT_EQ(Problem("0100109106000"),
            "the dependent-unit suffix (the last three digits) is 000: it must be 001 to 999");
  // A stem whose check digit would be 10.
  for (std::uint64_t stem = 10'000'001;; ++stem) {
    if (EnterpriseCheckDigit(stem)) continue;
    char text[16];
    std::snprintf(text, sizeof text, "%09llu0", static_cast<unsigned long long>(stem));
    EXPECT_EQ(Problem(text), "digits 1 to 9 (" + std::string(text, 9) +
                                 ") would need the check digit 10, so no code is issued on them");
    break;
  }
}

}  // namespace
}  // namespace ndxp::connectors
