#pragma once
// What the transport knows about the caller's connection: whether it is TLS, and the client
// certificate it presented (already verified in the handshake). The listener fills one per
// connection (HTTP) or per call (gRPC) and gives it to each Call; identify stages read it.

#include <string>
#include <string_view>

namespace ndxp::core {

// SAN URIs of this form name a registered client: urn:ndxp:client:VN:PROV:79:ONESTOP.
inline constexpr std::string_view kClientUriPrefix = "urn:ndxp:client:";

struct PeerInfo {
  bool tls = false;
  // From the verified client certificate: its SAN URI urn:ndxp:client:<id>, else its subject's
  // common name. Empty without a certificate.
  std::string certificate_client_id;
  // The certificate's subject, one line (RFC 2253), for logs. Empty without a certificate.
  std::string certificate_subject;
  // "TLSv1.3", "TLSv1.2"; empty when the transport does not say (gRPC 1.51 does not).
  std::string tls_version;
};

}  // namespace ndxp::core
