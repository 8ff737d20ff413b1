#include "connectors/common/licence_plate.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

std::string Message(std::string_view text) {
  auto parsed = ParseLicencePlate(text);
  EXPECT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(ViolationField(parsed.status()), "plate_number") << text;
  return std::string(parsed.status().message());
}

TEST(LicencePlateTest, PrintedFormsRoundTrip) {
  for (const char* plate : {"30A-123.45", "51K-678.90", "29A-1234", "51LD-123.45", "29-B1 123.45",
                            "59-X2 345.67", "29-B1 1234", "80A-001.23", "51R-222.01"}) {
    auto parsed = ParseLicencePlate(plate);
    ASSERT_TRUE(parsed.ok()) << plate << ": " << parsed.status();
    EXPECT_EQ(FormatLicencePlate(*parsed), plate);
  }
}

TEST(LicencePlateTest, SpellingsOfTheSamePlateAgree) {
  const auto a = ParseLicencePlate("30A-123.45");
  for (const char* same : {"30a-12345", " 30A-123.45 ", "30A-12345"}) {
    auto b = ParseLicencePlate(same);
    ASSERT_TRUE(b.ok()) << same << ": " << b.status();
    EXPECT_EQ(LicencePlateKey(*a), LicencePlateKey(*b)) << same;
  }
  EXPECT_EQ(LicencePlateKey(*ParseLicencePlate("29-B1 12345")),
            LicencePlateKey(*ParseLicencePlate("29-B1 123.45")));
  EXPECT_NE(LicencePlateKey(*ParseLicencePlate("30A-1234")),
            LicencePlateKey(*ParseLicencePlate("30A-012.34")));
  EXPECT_NE(LicencePlateKey(*ParseLicencePlate("29-B1 123.45")),
            LicencePlateKey(*ParseLicencePlate("29B-123.45")));
}

TEST(LicencePlateTest, EachBadPartIsNamed) {
  EXPECT_NE(Message("").find("required"), std::string::npos);
  EXPECT_NE(Message("A30-123.45").find("two-digit local code"), std::string::npos);
  EXPECT_NE(Message("42A-123.45").find("local code 42 is not used"), std::string::npos);
  EXPECT_NE(Message("10A-123.45").find("local code 10"), std::string::npos);
  EXPECT_NE(Message("30A12345").find("hyphen"), std::string::npos);
  EXPECT_NE(Message("30O-123.45").find("series letter O"), std::string::npos);
  EXPECT_NE(Message("30I-123.45").find("series letter I"), std::string::npos);
  EXPECT_NE(Message("30XY-123.45").find("two-letter series XY"), std::string::npos);
  EXPECT_NE(Message("3A-123.45").find("two-digit local code"), std::string::npos);
  EXPECT_NE(Message("30A-123.4").find("5 digits"), std::string::npos);
  EXPECT_NE(Message("30A-1234567").find("5 digits"), std::string::npos);
  EXPECT_NE(Message("30A-12.345").find("5 digits"), std::string::npos);
  EXPECT_NE(Message("30A-000.00").find("all zeros"), std::string::npos);
  EXPECT_NE(Message("29-B0 123.45").find("digit 1-9"), std::string::npos);
  EXPECT_NE(Message("29-R1 123.45").find("series letter R"), std::string::npos);
  EXPECT_NE(Message("29-1B 123.45").find("letter and a digit"), std::string::npos);
  EXPECT_NE(Message(std::string(100, '3')).find("at most 32"), std::string::npos);
  EXPECT_NE(Message("30\xC3\x81-123.45").find("letters"), std::string::npos);
}

TEST(LicencePlateTest, LocalCodesMapToProvinces) {
  EXPECT_EQ(PlateProvince(29), 1);
  EXPECT_EQ(PlateProvince(51), 79);
  EXPECT_EQ(PlateProvince(13), 24);
  EXPECT_EQ(PlateProvince(80), 0);
  EXPECT_TRUE(IsPlateLocalCode(80));
  EXPECT_FALSE(IsPlateLocalCode(42));
  EXPECT_FALSE(IsPlateLocalCode(-1));
  EXPECT_FALSE(IsPlateLocalCode(100));
  EXPECT_EQ(PlateCodesOf(79).size(), 11u);
  EXPECT_EQ(PlateCodesOf(1).size(), 6u);
  EXPECT_EQ(PlateCodesOf(75).size(), 2u);
  EXPECT_TRUE(PlateCodesOf(3).empty());
  EXPECT_TRUE(PlateCodesOf(500).empty());
  int provinces = 0;
  for (int code = 0; code < 100; ++code) provinces += PlateCodesOf(code).empty() ? 0 : 1;
  EXPECT_EQ(provinces, 63);
}

}  // namespace
}  // namespace ndxp::connectors
