// The client id a certificate names: SAN URI urn:ndxp:client:<id> first, else the common name.
#include "gateway/tls/certificate_identity.h"

#include <gtest/gtest.h>

#include "gateway/tls/pem_files.h"
#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::tls {
namespace {

using testing::DevCa;

X509Ptr Leaf(const std::string& name) {
  auto certs = LoadCertificates("test", DevCa().file(name));
  EXPECT_TRUE(certs.ok()) << certs.status();
  return std::move(certs->front());
}

TEST(ClientIdFrom, TakesTheClientUriWithThePrefixStripped) {
  EXPECT_EQ(ClientIdFrom({"https://example.org", "urn:ndxp:client:VN:PROV:79:ONESTOP"}, "cn"),
            "VN:PROV:79:ONESTOP");
}

TEST(ClientIdFrom, FallsBackToTheCommonName) {
  EXPECT_EQ(ClientIdFrom({"urn:ndxp:gateway"}, "ndxp-gateway"), "ndxp-gateway");
  EXPECT_EQ(ClientIdFrom({}, "VN:PROV:01:ONESTOP"), "VN:PROV:01:ONESTOP");
  // The bare prefix names no client.
  EXPECT_EQ(ClientIdFrom({"urn:ndxp:client:"}, "fallback"), "fallback");
  EXPECT_EQ(ClientIdFrom({}, ""), "");
}

TEST(IdentityOf, ReadsTheSanUriOfADemoClient) {
  X509Ptr cert = Leaf("client-79.crt");
  CertificateIdentity identity = IdentityOf(cert.get());
  EXPECT_EQ(identity.client_id, "VN:PROV:79:ONESTOP");
  EXPECT_NE(identity.subject.find("CN=VN:PROV:79:ONESTOP"), std::string::npos) << identity.subject;
}

TEST(IdentityOf, OtherUrisLeaveTheCommonName) {
  X509Ptr cert = Leaf("gateway-client.crt");
  EXPECT_EQ(IdentityOf(cert.get()).client_id, "ndxp-gateway");
}

TEST(IdentityOf, NoCertificateNamesNoOne) {
  CertificateIdentity identity = IdentityOf(nullptr);
  EXPECT_EQ(identity.client_id, "");
  EXPECT_EQ(identity.subject, "");
}

TEST(SerialOf, IsUpperCaseHex) {
  X509Ptr cert = Leaf("server.crt");
  const std::string serial = SerialOf(cert.get());
  ASSERT_FALSE(serial.empty());
  EXPECT_EQ(serial.find_first_not_of("0123456789ABCDEF"), std::string::npos) << serial;
}

}  // namespace
}  // namespace ndxp::tls
