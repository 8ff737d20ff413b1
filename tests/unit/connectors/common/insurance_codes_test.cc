#include "connectors/common/insurance_codes.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::BadRequestOf;
using testing::ViolationField;

std::string Description(const absl::Status& status) {
  auto bad = BadRequestOf(status);
  return bad && bad->field_violations_size() > 0 ? bad->field_violations(0).description() : "";
}

TEST(SocialInsuranceNumberTest, TenDigits) {
  auto n = ParseSocialInsuranceNumber("7912345678");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 7912345678u);
  EXPECT_EQ(FormatSocialInsuranceNumber(123), "0000000123");
  for (const char* bad : {"", "791234567", "79123456789", "79123456a8", "７９12345678"}) {
    auto r = ParseSocialInsuranceNumber(bad);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(r.status()), "social_insurance_number");
  }
  EXPECT_EQ(Description(ParseSocialInsuranceNumber("12").status()), "must be exactly 10 digits");
  // Errors never repeat the number.
  EXPECT_EQ(std::string(ParseSocialInsuranceNumber("791234567x").status().message()).find("7912"),
            std::string::npos);
}

TEST(HealthInsuranceCardCodeTest, ParsesEveryPart) {
  auto card = ParseHealthInsuranceCardCode("DN4797912345678");
  ASSERT_TRUE(card.ok()) << card.status();
  EXPECT_EQ(card->group->code, "DN");
  EXPECT_EQ(card->benefit_level, 4);
  EXPECT_EQ(card->province_code, 79);
  EXPECT_EQ(card->social_insurance_number, 7912345678u);
  EXPECT_EQ(FormatHealthInsuranceCardCode("DN", 4, 79, 7912345678), "DN4797912345678");
  EXPECT_EQ(FormatHealthInsuranceCardCode("TE", 1, 1, 123), "TE1010000000123");
}

TEST(HealthInsuranceCardCodeTest, AcceptsPrintedForms) {
  for (const char* text : {"DN4-79-7912345678", "DN 4 79 7912345678", "DN4 79-7912345678"}) {
    auto card = ParseHealthInsuranceCardCode(text);
    ASSERT_TRUE(card.ok()) << text << ": " << card.status();
    EXPECT_EQ(card->social_insurance_number, 7912345678u);
  }
  // Separators only between the parts, one at a time.
  for (const char* text : {"D-N4797912345678", "DN4--79-7912345678", "DN479-7912345678-",
                           "DN47979123-45678", " DN4797912345678"}) {
    EXPECT_FALSE(ParseHealthInsuranceCardCode(text).ok()) << text;
  }
}

TEST(HealthInsuranceCardCodeTest, SaysWhichPartIsWrong) {
  const auto d = [](const char* text) {
    auto r = ParseHealthInsuranceCardCode(text);
    EXPECT_EQ(ViolationField(r.status()), "card_code") << text;
    return Description(r.status());
  };
  EXPECT_NE(d("DN479791234567").find("must be 15 characters"), std::string::npos);
  EXPECT_NE(d("").find("must be 15 characters"), std::string::npos);
  EXPECT_NE(d(std::string(10'000, 'D').c_str()).find("must be 15 characters"), std::string::npos);
  EXPECT_NE(d("dn4797912345678").find("capital letters"), std::string::npos);
  EXPECT_NE(d("ZZ4797912345678").find("ZZ is not one"), std::string::npos);
  EXPECT_NE(d("DN0797912345678").find("character 3 must be the benefit level"), std::string::npos);
  EXPECT_NE(d("DN6797912345678").find("character 3 must be the benefit level"), std::string::npos);
  EXPECT_NE(d("DN4X97912345678").find("characters 4-5"), std::string::npos);
  EXPECT_NE(d("DN4997912345678").find("99 is not the code of a province"), std::string::npos);
  EXPECT_NE(d("DN479791234567A").find("characters 6-15"), std::string::npos);
  // Non-UTF-8 and multi-byte input are malformed, never a crash.
  EXPECT_FALSE(ParseHealthInsuranceCardCode("\xff\xfe\xfd").ok());
  EXPECT_FALSE(ParseHealthInsuranceCardCode("ĐN4797912345678").ok());
}

TEST(HealthInsuranceCardCodeTest, OldAndNewProvinceCodesAreAccepted) {
  EXPECT_TRUE(ParseHealthInsuranceCardCode("DN4777712345678").ok());  // Bà Rịa - Vũng Tàu (old)
  EXPECT_TRUE(ParseHealthInsuranceCardCode("DN4087712345678").ok());   // Tuyên Quang (new)
  EXPECT_FALSE(ParseHealthInsuranceCardCode("DN4037712345678").ok());  // 03: no province
}

TEST(BeneficiaryGroupTest, TableIsSortedAndLevelsMatchTheCardFormat) {
  const auto groups = BeneficiaryGroups();
  for (std::size_t i = 1; i < groups.size(); ++i) EXPECT_LT(groups[i - 1].code, groups[i].code);
  for (const auto& g : groups) {
    EXPECT_GE(g.benefit_level, 1);
    EXPECT_LE(g.benefit_level, 5);
    EXPECT_EQ(FindBeneficiaryGroup(g.code), &g);
    EXPECT_FALSE(g.description.empty());
  }
  EXPECT_EQ(FindBeneficiaryGroup("TE")->benefit_level, 1);
  EXPECT_EQ(FindBeneficiaryGroup("HT")->benefit_level, 3);
  EXPECT_EQ(FindBeneficiaryGroup("DN")->benefit_level, 4);
  EXPECT_EQ(FindBeneficiaryGroup("QN")->benefit_level, 5);
  EXPECT_EQ(FindBeneficiaryGroup("XX"), nullptr);
}

}  // namespace
}  // namespace ndxp::connectors
