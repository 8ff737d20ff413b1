#include "connectors/common/province_code.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "connectors/common/admin_units.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

TEST(ProvinceCodeTest, AcceptsTheThirtyFourProvincesInForce) {
  int accepted = 0;
  for (int code = 0; code <= 99; ++code) {
    char text[4];
    std::snprintf(text, sizeof text, "%02d", code);
    const bool valid = ProvinceCodeProblem(text).empty();
    EXPECT_EQ(valid, AdminUnits::Get().FindProvince(text) >= 0) << text;
    auto parsed = ParseProvinceCode(text);
    EXPECT_EQ(parsed.ok(), valid);
    if (valid) {
      EXPECT_EQ(*parsed, AdminUnits::Get().FindProvince(text));
    }
    accepted += valid ? 1 : 0;
  }
  EXPECT_EQ(accepted, 34);
}

TEST(ProvinceCodeTest, MessagesNameWhatIsWrong) {
  EXPECT_EQ(ProvinceCodeProblem(""),
            "is empty: it must be the two-digit code of one of the 34 provinces in force since 1 "
            "July 2025, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)");
  EXPECT_EQ(ProvinceCodeProblem("7"),
            "has 1 digit: it must have two (a leading zero for codes below 10, e.g. 01 for Hà "
            "Nội)");
  EXPECT_EQ(ProvinceCodeProblem("079"),
            "has 3 digits: it must have two (a leading zero for codes below 10, e.g. 01 for Hà "
            "Nội)");
  EXPECT_EQ(ProvinceCodeProblem("7a"),
            "character 2 is not a digit: it must be the two-digit code of one of the 34 provinces "
            "in force since 1 July 2025, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)");
  EXPECT_EQ(ProvinceCodeProblem("02"),
            "02 was the code of Tỉnh Hà Giang until 30 June 2025: it is now part of Tỉnh Tuyên "
            "Quang, code 08");
  EXPECT_EQ(ProvinceCodeProblem("00"),
            "00 is not a province code: it must be the two-digit code of one of the 34 provinces "
            "in force since 1 July 2025, e.g. 01 (Hà Nội) or 79 (Thành phố Hồ Chí Minh)");
  auto parsed = ParseProvinceCode("77", "filter.province_code");
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(testing::ViolationField(parsed.status()), "filter.province_code");
  // Every former province that merged names the province it joined.
  const AdminUnits& units = AdminUnits::Get();
  for (const OldProvince& old : units.old_provinces()) {
    if (units.FindProvince(old.code_text) >= 0) continue;
    const std::string problem = ProvinceCodeProblem(old.code_text);
    EXPECT_NE(problem.find(std::string(units.provinces()[old.province].name)), std::string::npos)
        << problem;
  }
}

}  // namespace
}  // namespace ndxp::connectors
