#include "connectors/common/household_code.h"

#include <gtest/gtest.h>

#include "connectors/common/admin_units.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

TEST(HouseholdCodeTest, ParsesAndFormats) {
  const std::uint32_t commune = AdminUnits::Get().communes().back().code;
  auto code = ParseHouseholdCode(FormatHouseholdCode(commune, 123));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(code->commune_code, commune);
  EXPECT_EQ(code->sequence, 123u);
  EXPECT_EQ(FormatHouseholdCode(26734, 123), "H26734000123");
  EXPECT_EQ(FormatHouseholdCode(4, 1), "H00004000001");
}

TEST(HouseholdCodeTest, RejectsEachKindOfMistake) {
  const std::string commune(AdminUnits::Get().communes().back().code_text);
  for (const std::string& bad :
       {std::string(), std::string("H123"), "X" + commune + "000123", "H" + commune + "00012A",
        "H" + commune + "0001234", std::string("H99999000123"), "H" + commune + "000000",
        "h" + commune + "000123"}) {
    auto code = ParseHouseholdCode(bad, "household_id");
    EXPECT_EQ(code.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(ViolationField(code.status()), "household_id") << bad;
  }
}

}  // namespace
}  // namespace ndxp::connectors
