// Handshake failure reasons and their counters.
#include "gateway/tls/handshake_failure.h"

#include <openssl/x509_vfy.h>

#include <gtest/gtest.h>

namespace ndxp::tls {
namespace {

TEST(FailureForVerifyError, MapsOpenSslErrorsToReasons) {
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_CERT_HAS_EXPIRED), HandshakeFailure::kExpired);
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_CERT_NOT_YET_VALID), HandshakeFailure::kExpired);
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_CERT_REVOKED), HandshakeFailure::kRevoked);
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
            HandshakeFailure::kUnknownCa);
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT),
            HandshakeFailure::kUnknownCa);
  EXPECT_EQ(FailureForVerifyError(X509_V_ERR_UNABLE_TO_GET_CRL), HandshakeFailure::kOther);
}

TEST(HandshakeFailures, EverySeriesExistsFromZeroAndCounts) {
  metrics::Registry registry;
  auto& family = HandshakeFailures::AddFamily(registry);
  HandshakeFailures grpc(family, "grpc");
  HandshakeFailures http(family, "http");
  http.Count(HandshakeFailure::kRevoked, "127.0.0.1", "certificate revoked");
  const std::string text = registry.Render();
  EXPECT_NE(text.find("ndxp_gateway_tls_handshake_failures_total{listener=\"http\",reason=\"revoked\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ndxp_gateway_tls_handshake_failures_total{listener=\"grpc\",reason=\"no_certificate\"} 0"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace ndxp::tls
