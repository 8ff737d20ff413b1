#include "connectors/common/personal_id.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

TEST(PersonalIdTest, ParsesEachPart) {
  auto id = ParsePersonalId("079203001234");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->value, 79203001234u);
  EXPECT_EQ(id->province_code, 79);
  EXPECT_FALSE(id->female);
  EXPECT_EQ(id->birth_year, 2003);
  EXPECT_EQ(id->serial, 1234u);

  id = ParsePersonalId("001190000001");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->province_code, 1);
  EXPECT_TRUE(id->female);
  EXPECT_EQ(id->birth_year, 1990);
}

TEST(PersonalIdTest, RejectsWrongLengthAndCharacters) {
  for (const char* bad :
       {"", "07920300123", "0792030012345", "07920300123A", "079 03001234", "０79203001234"}) {
    auto id = ParsePersonalId(bad);
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(id.status()), "personal_id") << bad;
  }
}

TEST(PersonalIdTest, AcceptsEveryBirthplaceCodeAndNothingElse) {
  const AdminUnits& units = AdminUnits::Get();
  int accepted = 0;
  for (int code = 0; code <= 999; ++code) {
    char id[16];
    std::snprintf(id, sizeof id, "%03d190000001", code);
    const bool valid = IsValidPersonalId(id);
    EXPECT_EQ(valid, units.FindOldProvince(code) >= 0) << id;
    accepted += valid ? 1 : 0;
  }
  EXPECT_EQ(accepted, 63);
  for (const char* bad : {"000190000001", "003190000001", "005190000001", "097190000001",
                          "099190000001", "100190000001"}) {
    auto id = ParsePersonalId(bad);
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(PersonalIdTest, CenturyAndSexDigit) {
  EXPECT_EQ(CenturySexDigit(1900, false), 0);
  EXPECT_EQ(CenturySexDigit(1999, true), 1);
  EXPECT_EQ(CenturySexDigit(2000, false), 2);
  EXPECT_EQ(CenturySexDigit(2025, true), 3);
  EXPECT_EQ(CenturySexDigit(2100, false), 4);
  EXPECT_EQ(CenturySexDigit(2399, true), 9);
  EXPECT_EQ(ComposePersonalId(79, 2003, true, 42), 79303000042u);
}

TEST(PersonalIdTest, RejectsBirthYearsAfterTheSnapshot) {
  EXPECT_TRUE(IsValidPersonalId("079325000001"));   // 2025, female
  EXPECT_FALSE(IsValidPersonalId("079326000001"));  // 2026
  EXPECT_FALSE(IsValidPersonalId("079400000001"));  // 2100, male
  EXPECT_FALSE(IsValidPersonalId("079900000001"));  // 2300, female
  EXPECT_TRUE(IsValidPersonalId("079326000001", 2026));
}

TEST(PersonalIdTest, ChecksConsistencyWithBirthDateAndSex) {
  auto id = ParsePersonalId("036187004321");
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(PersonalIdMatches(*id, {1987, 5, 2}, true));
  EXPECT_FALSE(PersonalIdMatches(*id, {1987, 5, 2}, false));  // sex
  EXPECT_FALSE(PersonalIdMatches(*id, {1988, 5, 2}, true));   // year
  EXPECT_FALSE(PersonalIdMatches(*id, {2087, 5, 2}, true));   // century
}

TEST(PersonalIdTest, ErrorsDoNotEchoTheNumber) {
  for (const char* bad : {"07920300123", "098203001234", "079903001234"}) {
    auto id = ParsePersonalId(bad);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(std::string(id.status().message()).find(bad), std::string::npos) << id.status();
  }
}

TEST(PersonalIdTest, FieldNameIsTheCallersPath) {
  auto id = ParsePersonalId("x", "verification.personal_id");
  EXPECT_EQ(ViolationField(id.status()), "verification.personal_id");
}

TEST(PersonalIdTest, FormatsWithLeadingZeros) {
  EXPECT_EQ(FormatPersonalId(1234), "000000001234");
  EXPECT_EQ(FormatPersonalId(79203001234), "079203001234");
}

std::string Problem(std::string_view text) {
  auto id = ParsePersonalId(text);
  EXPECT_FALSE(id.ok()) << text;
  return testing::ViolationDescription(id.status());
}

TEST(PersonalIdTest, MessagesNameThePartThatIsWrong) {
  EXPECT_EQ(Problem(""), "is empty: a personal identification number is 12 digits");
  EXPECT_EQ(Problem("1"), "has 1 digit: it must have exactly 12");
  EXPECT_EQ(Problem("0792030012345"), "has 13 digits: it must have exactly 12");
  EXPECT_EQ(Problem("079 03001234"),
            "character 4 is not a digit: a personal identification number is 12 digits 0-9");
  EXPECT_EQ(Problem("０79203001234"),  // a full-width zero is one character
            "character 1 is not a digit: a personal identification number is 12 digits 0-9");
  EXPECT_EQ(Problem("\xff\xfe"),
            "character 1 is not a digit: a personal identification number is 12 digits 0-9");
  EXPECT_EQ(Problem("003190000001"),
            "the first three digits (the birth-registration province) are 003, which is not one "
            "of the 63 province codes (001 to 096, with gaps: e.g. 001 Hà Nội, 079 Hồ Chí Minh)");
  EXPECT_EQ(Problem("079903001234"),
            "digits 4 to 6 (century and sex 9, year 03) give the birth year 2303, which is after "
            "2025");
  auto id = ParsePersonalId("079326000001", "personal_id", 2025);
  EXPECT_EQ(testing::ViolationDescription(id.status()),
            "digits 4 to 6 (century and sex 3, year 26) give the birth year 2026, which is after "
            "2025");
  EXPECT_EQ(std::string(id.status().message()),
            "invalid personal_id: digits 4 to 6 (century and sex 3, year 26) give the birth year "
            "2026, which is after 2025");
}

}  // namespace
}  // namespace ndxp::connectors
