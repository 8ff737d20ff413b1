#pragma once
// Why a TLS handshake was refused, as the label values of
// ndxp_gateway_tls_handshake_failures_total{listener,reason}, and the counter family itself.

#include <array>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "gateway/metrics/registry.h"

namespace ndxp::tls {

enum class HandshakeFailure {
  kNoCertificate,  // a certificate is required and none was sent
  kUnknownCa,      // the certificate does not chain to a configured client CA
  kExpired,        // expired, or not yet valid
  kRevoked,        // listed in the CRL
  kProtocol,       // no common TLS version or cipher (e.g. a TLS 1.1 client)
  kOther,          // anything else (bad certificate, missing CRL, the client gave up, not TLS)
};
inline constexpr std::size_t kHandshakeFailureCount = 6;

std::string_view HandshakeFailureName(HandshakeFailure reason);

// The reason for an X509_V_ERR_* verification error.
HandshakeFailure FailureForVerifyError(long x509_error);

// The reason a server-side handshake on `ssl` failed with OpenSSL error `openssl_error` (an
// ERR_get_error() code, 0 if none): the certificate verification result first, then the
// handshake's own error.
HandshakeFailure FailureOfHandshake(const SSL* ssl, unsigned long openssl_error);

// One listener's counters, every reason resolved at start (so each series exists from 0), and
// the log line of a refusal (no secret: the reason, the peer address, the certificate subject).
class HandshakeFailures {
 public:
  // Registers the family (once per registry: call it once, then share the family).
  static metrics::Family<metrics::Counter>& AddFamily(metrics::Registry& registry);

  HandshakeFailures(metrics::Family<metrics::Counter>& family, std::string listener);

  // Thread-safe. `detail` is OpenSSL's text; `peer` the remote address, if known.
  void Count(HandshakeFailure reason, std::string_view peer, std::string_view detail) const;

 private:
  std::string listener_;
  std::array<metrics::Counter*, kHandshakeFailureCount> counters_{};
};

}  // namespace ndxp::tls
