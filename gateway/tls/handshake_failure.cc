#include "gateway/tls/handshake_failure.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <spdlog/spdlog.h>

namespace ndxp::tls {

std::string_view HandshakeFailureName(HandshakeFailure reason) {
  switch (reason) {
    case HandshakeFailure::kNoCertificate:
      return "no_certificate";
    case HandshakeFailure::kUnknownCa:
      return "unknown_ca";
    case HandshakeFailure::kExpired:
      return "expired";
    case HandshakeFailure::kRevoked:
      return "revoked";
    case HandshakeFailure::kProtocol:
      return "protocol";
    case HandshakeFailure::kOther:
      break;
  }
  return "other";
}

HandshakeFailure FailureForVerifyError(long x509_error) {
  switch (x509_error) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
      return HandshakeFailure::kUnknownCa;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return HandshakeFailure::kExpired;
    case X509_V_ERR_CERT_REVOKED:
      return HandshakeFailure::kRevoked;
    default:
      return HandshakeFailure::kOther;
  }
}

HandshakeFailure FailureOfHandshake(const SSL* ssl, unsigned long openssl_error) {
  if (ssl != nullptr) {
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK) return FailureForVerifyError(verified);
  }
  if (ERR_GET_LIB(openssl_error) != ERR_LIB_SSL) return HandshakeFailure::kOther;
  switch (ERR_GET_REASON(openssl_error)) {
    case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
      return HandshakeFailure::kNoCertificate;
    case SSL_R_UNSUPPORTED_PROTOCOL:
    case SSL_R_VERSION_TOO_LOW:
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_NO_PROTOCOLS_AVAILABLE:
    case SSL_R_NO_SHARED_CIPHER:
    case SSL_R_NO_CIPHERS_AVAILABLE:
      return HandshakeFailure::kProtocol;
    default:
      return HandshakeFailure::kOther;
  }
}

metrics::Family<metrics::Counter>& HandshakeFailures::AddFamily(metrics::Registry& registry) {
  return registry.AddCounter("ndxp_gateway_tls_handshake_failures_total",
                             "TLS handshakes refused, by listener and reason.",
                             {"listener", "reason"});
}

HandshakeFailures::HandshakeFailures(metrics::Family<metrics::Counter>& family,
                                     std::string listener)
    : listener_(std::move(listener)) {
  for (std::size_t i = 0; i < kHandshakeFailureCount; ++i) {
    counters_[i] = &family.WithLabels(
        {listener_, std::string(HandshakeFailureName(static_cast<HandshakeFailure>(i)))});
  }
}

void HandshakeFailures::Count(HandshakeFailure reason, std::string_view peer,
                              std::string_view detail) const {
  counters_[static_cast<std::size_t>(reason)]->Inc();
  spdlog::info("TLS handshake refused on the {} listener: {} (peer {}: {})", listener_,
               HandshakeFailureName(reason), peer.empty() ? "unknown" : peer, detail);
}

}  // namespace ndxp::tls
