#include "connectors/common/land_ids.h"

#include <gtest/gtest.h>

#include "connectors/common/admin_units.h"
#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ErrorReason;
using testing::ViolationField;

std::string Violation(const absl::Status& status, std::string_view field) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(ViolationField(status), field);
  return std::string(status.message());
}

TEST(LandIdsTest, ParcelIdRoundTrip) {
  auto ref = ParseParcelId("26740-12-345");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(AdminUnits::Get().communes()[ref->commune].code, 26740u);
  EXPECT_EQ(ref->map_sheet, 12);
  EXPECT_EQ(ref->parcel_number, 345);
  EXPECT_EQ(FormatParcelId(26740, 12, 345), "26740-12-345");
  auto padded = ParseParcelId("26740-012-00345");
  ASSERT_TRUE(padded.ok());
  EXPECT_EQ(padded->map_sheet, 12);
  EXPECT_EQ(padded->parcel_number, 345);
  EXPECT_EQ(FormatParcelId(4, 1, 1), "00004-1-1");
}

TEST(LandIdsTest, ParcelIdErrors) {
  EXPECT_NE(Violation(ParseParcelId("").status(), "parcel_id").find("<commune code>"),
            std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-12").status(), "parcel_id").find("e.g."),
            std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-1-2-3").status(), "parcel_id").find("e.g."),
            std::string::npos);
  EXPECT_NE(
      Violation(ParseParcelId("2673-12-345").status(), "parcel_id").find("five-digit commune"),
      std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-0-345").status(), "parcel_id").find("map sheet"),
            std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-12345-1").status(), "parcel_id").find("map sheet"),
            std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-1-x").status(), "parcel_id").find("parcel number"),
            std::string::npos);
  EXPECT_NE(Violation(ParseParcelId("26740-1-123456").status(), "parcel_id").find("parcel number"),
            std::string::npos);
  Violation(ParseParcelId(std::string(1000, '1')).status(), "parcel_id");
  // Well formed, but no commune in force: NOT_FOUND.
  auto absent = ParseParcelId("99999-1-1");
  EXPECT_EQ(absent.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(absent.status()), "COMMUNE_NOT_FOUND");
}

TEST(LandIdsTest, CommuneLookUp) {
  auto ok = LookUpCommune("26740");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(AdminUnits::Get().communes()[*ok].code_text, "26740");
  Violation(LookUpCommune("2673").status(), "commune_code");
  Violation(LookUpCommune("2673a").status(), "commune_code");
  Violation(LookUpCommune("", "x.commune").status(), "x.commune");
  // 00001 Phúc Xá was merged on 1 July 2025: the message names its successor.
  auto merged = LookUpCommune("00001");
  EXPECT_EQ(merged.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(merged.status().message()).find("now part of"), std::string::npos)
      << merged.status();
  EXPECT_EQ(LookUpCommune("99999").status().code(), absl::StatusCode::kNotFound);
}

TEST(LandIdsTest, SheetAndParcelRanges) {
  EXPECT_TRUE(CheckMapSheet(1).ok());
  EXPECT_TRUE(CheckMapSheet(9999).ok());
  Violation(CheckMapSheet(0), "map_sheet_number");
  Violation(CheckMapSheet(-5), "map_sheet_number");
  Violation(CheckMapSheet(10000), "map_sheet_number");
  EXPECT_TRUE(CheckParcelNumber(99999).ok());
  Violation(CheckParcelNumber(0), "parcel_number");
  Violation(CheckParcelNumber(-2147483647), "parcel_number");
}

TEST(LandIdsTest, CertificateSerials) {
  for (const char* serial : {"CS 123456", "S 150986", "AA 05565655"}) {
    auto parsed = ParseCertificateSerial(serial);
    ASSERT_TRUE(parsed.ok()) << serial << ": " << parsed.status();
    EXPECT_EQ(FormatCertificateSerial(*parsed), serial);
  }
  const auto a = ParseCertificateSerial("CS 123456");
  for (const char* same : {"CS123456", "cs 123456", " CS 123456 "}) {
    auto b = ParseCertificateSerial(same);
    ASSERT_TRUE(b.ok()) << same;
    EXPECT_EQ(CertificateSerialKey(*a), CertificateSerialKey(*b));
  }
  EXPECT_NE(CertificateSerialKey(*ParseCertificateSerial("AA 00123456")),
            CertificateSerialKey(*ParseCertificateSerial("AA 123456")));
}

TEST(LandIdsTest, CertificateSerialErrors) {
  const auto message = [](std::string_view text) {
    return Violation(ParseCertificateSerial(text).status(), "certificate_serial");
  };
  EXPECT_NE(message("").find("one or two letters"), std::string::npos);
  EXPECT_NE(message("123456").find("one or two letters"), std::string::npos);
  EXPECT_NE(message("ABC 123456").find("one or two letters"), std::string::npos);
  EXPECT_NE(message("CS 12345").find("not 5"), std::string::npos);
  EXPECT_NE(message("S 12345678").find("one series letter come 6 digits, not 8"),
            std::string::npos);
  EXPECT_NE(message("CS 1234567").find("not 7"), std::string::npos);
  EXPECT_NE(message("CS 12-456").find("only digits"), std::string::npos);
  EXPECT_NE(message("CS 000000").find("all zeros"), std::string::npos);
  EXPECT_NE(message(std::string(200, 'A')).find("at most 24"), std::string::npos);
  EXPECT_NE(message("\xC4\x90S 123456").find("letters"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::connectors
