#pragma once
// Who a client certificate names: the registered client's id (its SAN URI
// urn:ndxp:client:<id>, else its subject's common name) and its subject for logs.

#include <string>
#include <string_view>
#include <vector>

#include <openssl/x509.h>

namespace ndxp::tls {

struct CertificateIdentity {
  std::string client_id;  // "" when the certificate names none
  std::string subject;    // RFC 2253, e.g. "O=NDXP development,CN=VN:PROV:79:ONESTOP"
};

// The client id from a certificate's SAN URIs and subject common name: the first URI that starts
// with urn:ndxp:client: (the prefix stripped, non-empty), else the common name.
std::string ClientIdFrom(const std::vector<std::string_view>& uris, std::string_view common_name);

// The identity in `cert` (not verified here: the handshake did that).
CertificateIdentity IdentityOf(X509* cert);

// The certificate's serial number in upper-case hex, e.g. "F9F364F1...", for logs.
std::string SerialOf(X509* cert);

}  // namespace ndxp::tls
