#include "connectors/common/inspection_certificate.h"

#include <gtest/gtest.h>

#include "tests/unit/connectors/status_details.h"

namespace ndxp::connectors {
namespace {

using testing::ViolationField;

std::string Message(std::string_view text) {
  auto parsed = ParseInspectionCertificateNumber(text);
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
  EXPECT_EQ(ViolationField(parsed.status()), "inspection_certificate_number") << text;
  return std::string(parsed.status().message());
}

TEST(InspectionCertificateTest, RoundTrip) {
  auto n = ParseInspectionCertificateNumber("29-03V-2025-012345");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->centre.local_code, 29);
  EXPECT_EQ(n->centre.number, 3);
  EXPECT_EQ(n->centre.letter, 'V');
  EXPECT_EQ(n->year, 2025);
  EXPECT_EQ(n->sequence, 12345u);
  EXPECT_EQ(FormatInspectionCertificateNumber(*n), "29-03V-2025-012345");
  EXPECT_EQ(FormatInspectionCentreCode(n->centre), "29-03V");
  auto lower = ParseInspectionCertificateNumber("50-06d-2019-000001");
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(FormatInspectionCertificateNumber(*lower), "50-06D-2019-000001");
  EXPECT_NE(InspectionCertificateKey(*n), InspectionCertificateKey(*lower));
}

TEST(InspectionCertificateTest, EachBadPartIsNamed) {
  EXPECT_NE(Message("").find("e.g."), std::string::npos);
  EXPECT_NE(Message("29-03V-2025-01234").find("e.g."), std::string::npos);
  EXPECT_NE(Message("29/03V/2025/012345").find("e.g."), std::string::npos);
  EXPECT_NE(Message("42-03V-2025-012345").find("starts with 42"), std::string::npos);
  EXPECT_NE(Message("29-00V-2025-012345").find("01-99"), std::string::npos);
  EXPECT_NE(Message("29-03X-2025-012345").find("V or D"), std::string::npos);
  EXPECT_NE(Message("29-03V-1999-012345").find("not 1999"), std::string::npos);
  EXPECT_NE(Message("29-03V-2026-012345").find("not 2026"), std::string::npos);
  EXPECT_NE(Message("29-03V-2025-000000").find("000000"), std::string::npos);
  Message(std::string(5000, '9'));
}

}  // namespace
}  // namespace ndxp::connectors
