#include "connectors/common/vin.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

std::string Message(std::string_view text) {
  auto parsed = ParseVin(text);
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(ViolationField(parsed.status()), "vin") << text;
  return std::string(parsed.status().message());
}

TEST(VinTest, CheckDigitOfPublishedExamples) {
  // The worked example of 49 CFR 565 (check digit X) and a common test VIN (check digit 9).
  EXPECT_EQ(VinCheckDigit("1M8GDM9AXKP042788"), 'X');
  EXPECT_EQ(VinCheckDigit("11111111111111111"), '1');
  EXPECT_EQ(VinCheckDigit("1HGCM82633A004352"), '3');
  EXPECT_FALSE(VinCheckDigit("1M8GDM9AXKP04278").has_value());
  EXPECT_FALSE(VinCheckDigit("1M8GDM9AXKP04278O").has_value());
}

TEST(VinTest, ValidVinsParseToCapitals) {
  for (const char* vin : {"1M8GDM9AXKP042788", "1hgcm82633a004352", "JTDBT923771012345",
                          "WDD2050421F123456", "LZZ5CLW49JA123456"}) {
    auto parsed = ParseVin(vin);
    if (std::string_view(vin).starts_with("LZZ")) {
      // China: the check digit applies; compute the right one.
      std::string fixed = vin;
      fixed[8] = *VinCheckDigit(fixed);
      parsed = ParseVin(fixed);
    }
    ASSERT_TRUE(parsed.ok()) << vin << ": " << parsed.status();
    EXPECT_EQ(parsed->size(), 17u);
    for (char c : *parsed) EXPECT_FALSE(c >= 'a' && c <= 'z');
  }
}

TEST(VinTest, CheckDigitOnlyWhereMandatory) {
  // North America and China: enforced, naming the digit found and the one expected.
  const std::string message = Message("1M8GDM9A3KP042788");
  EXPECT_NE(message.find("check digit (position 9) is 3, not X"), std::string::npos) << message;
  std::string chinese = "LGAG4DP20KE764286";
  chinese[8] = *VinCheckDigit(chinese) == '0' ? '1' : '0';
  Message(chinese);
  // Japan, Europe, Vietnam: position 9 is free (ISO 3779).
  EXPECT_TRUE(ParseVin("JTDBT9237710123A5").ok());
  EXPECT_TRUE(ParseVin("RL4B3BE20SA123456").ok());
  EXPECT_TRUE(VinCheckDigitRequired("1FU"));
  EXPECT_TRUE(VinCheckDigitRequired("LZZ"));
  EXPECT_FALSE(VinCheckDigitRequired("RL4"));
  EXPECT_FALSE(VinCheckDigitRequired(""));
}

TEST(VinTest, BadInput) {
  EXPECT_NE(Message("").find("17 characters"), std::string::npos);
  EXPECT_NE(Message("1M8GDM9AXKP04278").find("17 characters"), std::string::npos);
  EXPECT_NE(Message("1M8GDM9AXKP0427881").find("17 characters"), std::string::npos);
  EXPECT_NE(Message("JTDBT9237710O2345").find("position 13 is I, O or Q"), std::string::npos);
  EXPECT_NE(Message("JTDBT92377101234-").find("position 17"), std::string::npos);
  EXPECT_NE(Message("JTDBT923771\xC3\xA9"
                    "2345")
                .find("position 12"),
            std::string::npos);
}

TEST(VinTest, ModelYearCodes) {
  EXPECT_EQ(VinModelYearCode(2001), '1');
  EXPECT_EQ(VinModelYearCode(2009), '9');
  EXPECT_EQ(VinModelYearCode(2010), 'A');
  EXPECT_EQ(VinModelYearCode(2018), 'J');
  EXPECT_EQ(VinModelYearCode(2025), 'S');
  EXPECT_EQ(VinModelYearCode(2030), 'Y');
}

}  // namespace
}  // namespace ndxp::connectors
