// Client certificates checked against the client CAs and their CRLs, and why one is refused.
#include "gateway/tls/client_trust.h"

#include <openssl/x509_vfy.h>

#include <gtest/gtest.h>

#include "gateway/tls/handshake_failure.h"
#include "gateway/tls/pem_files.h"
#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::tls {
namespace {

using testing::DevCa;

gateway::v1::Tls TlsWith(bool crl) {
  gateway::v1::Tls tls;
  tls.set_client_ca_file(DevCa().file("ca.crt"));
  if (crl) tls.set_crl_file(DevCa().file("crl.pem"));
  return tls;
}

// nullopt when `name` is accepted, else the reason it is refused.
std::optional<HandshakeFailure> Refusal(const ClientTrust& trust, const std::string& name) {
  auto certs = LoadCertificates("test", DevCa().file(name));
  EXPECT_TRUE(certs.ok());
  const long error = trust.Verify(certs->front().get(), nullptr);
  if (error == X509_V_OK) return std::nullopt;
  return FailureForVerifyError(error);
}

TEST(ClientTrust, AcceptsTheDemoClientsAndRefusesByReason) {
  auto trust = ClientTrust::Load(TlsWith(true), "http.tls");
  ASSERT_TRUE(trust.ok()) << trust.status();
  EXPECT_EQ(Refusal(**trust, "client-79.crt"), std::nullopt);
  EXPECT_EQ(Refusal(**trust, "client-01.crt"), std::nullopt);
  EXPECT_EQ(Refusal(**trust, "client-expired.crt"), HandshakeFailure::kExpired);
  EXPECT_EQ(Refusal(**trust, "client-revoked.crt"), HandshakeFailure::kRevoked);
  EXPECT_EQ(Refusal(**trust, "other-client.crt"), HandshakeFailure::kUnknownCa);
}

TEST(ClientTrust, WithoutACrlARevokedCertificatePasses) {
  auto trust = ClientTrust::Load(TlsWith(false), "http.tls");
  ASSERT_TRUE(trust.ok()) << trust.status();
  EXPECT_EQ(Refusal(**trust, "client-revoked.crt"), std::nullopt);
  EXPECT_EQ((*trust)->flags(), 0u);
}

TEST(ClientTrust, AServerCertificateIsNoClientCertificate) {
  auto trust = ClientTrust::Load(TlsWith(true), "http.tls");
  ASSERT_TRUE(trust.ok());
  EXPECT_EQ(Refusal(**trust, "server.crt"), HandshakeFailure::kOther);  // no clientAuth usage
}

TEST(ClientTrust, ErrorsNameTheKey) {
  gateway::v1::Tls tls = TlsWith(true);
  tls.set_client_ca_file(DevCa().file("missing.crt"));
  auto missing = ClientTrust::Load(tls, "grpc.tls");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(std::string(missing.status().message()).starts_with("grpc.tls.client_ca_file: ")) << missing.status();

  tls = TlsWith(true);
  tls.set_crl_file(DevCa().file("ca.crt"));  // a certificate, not a CRL
  auto not_crl = ClientTrust::Load(tls, "grpc.tls");
  ASSERT_FALSE(not_crl.ok());
  EXPECT_TRUE(std::string(not_crl.status().message()).starts_with("grpc.tls.crl_file: ")) << not_crl.status();
}

TEST(ClientTrustSource, SwapsTheTrustInUse) {
  auto first = ClientTrust::Load(TlsWith(false), "http.tls");
  auto second = ClientTrust::Load(TlsWith(true), "http.tls");
  ASSERT_TRUE(first.ok() && second.ok());
  ClientTrustSource source(*first);
  std::shared_ptr<const ClientTrust> held = source.Get();
  source.Set(*second);
  EXPECT_EQ(source.Get(), *second);
  EXPECT_EQ(held, *first);  // a handshake in progress keeps the one it took
}

}  // namespace
}  // namespace ndxp::tls
