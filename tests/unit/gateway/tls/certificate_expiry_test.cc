#include "gateway/tls/certificate_expiry.h"

#include <ctime>

#include <gtest/gtest.h>

#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::tls {
namespace {

using testing::DevCa;

TEST(CertificateExpiryTest, ReadsTheLeafsNotAfter) {
  // scripts/dev-ca.sh issues client-expired with -enddate 20200102000000Z.
  std::optional<double> expired = CertificateNotAfter(DevCa().file("client-expired.crt"));
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(*expired, 1577923200.0);  // 2020-01-02T00:00:00Z
  std::optional<double> server = CertificateNotAfter(DevCa().file("server.crt"));
  ASSERT_TRUE(server.has_value());
  EXPECT_GT(*server, static_cast<double>(std::time(nullptr)));
}

TEST(CertificateExpiryTest, UnreadableOrNotACertificateIsNone) {
  EXPECT_FALSE(CertificateNotAfter(DevCa().file("no-such.crt")).has_value());
  EXPECT_FALSE(CertificateNotAfter(DevCa().file("server.key")).has_value());
}

TEST(CertificateExpiryTest, CollectorRendersOneSamplePerReadableCertificate) {
  metrics::Registry registry;
  AddCertificateExpiryCollector(registry, {{"grpc", DevCa().file("client-expired.crt")},
                                           {"http", DevCa().file("missing.crt")}});
  const std::string text = registry.Render();
  EXPECT_NE(text.find("# TYPE ndxp_gateway_tls_certificate_expiry_timestamp_seconds gauge"),
            std::string::npos);
  EXPECT_NE(text.find("ndxp_gateway_tls_certificate_expiry_timestamp_seconds{certificate=\"grpc\"} "
                      "1577923200\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("certificate=\"http\""), std::string::npos) << text;
}

TEST(CertificateExpiryTest, NoCertificatesNoFamily) {
  metrics::Registry registry;
  AddCertificateExpiryCollector(registry, {});
  EXPECT_EQ(registry.Render().find("certificate_expiry"), std::string::npos);
}

}  // namespace
}  // namespace ndxp::tls
