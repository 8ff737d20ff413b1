#pragma once
// An OpenSSL server SSL_CTX from a listener's `tls` section (the HTTP listener's; gRPC builds its
// own from the same settings): certificate chain and key, lowest version, TLS 1.2 cipher list,
// TLS 1.3 cipher suites, client certificate verification against client_ca_file with the CRLs,
// ALPN. The context is immutable once built; a reload builds a new one.

#include <memory>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "gateway/tls/client_trust.h"
#include "gateway/tls/openssl_ptr.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::tls {

// ALPN protocol lists in wire format (length-prefixed), in the server's order of preference.
// HTTP/2 ("\x02h2" first) comes with the HTTP/2 listener.
inline constexpr std::string_view kAlpnHttp11 = "\x08http/1.1";

struct ServerSslContext {
  SslCtxPtr ctx;
  std::string certificate_serial;  // of cert_file's leaf, for logs
};

// `tls` must have its defaults applied (min_version, ciphers, client_certificate). `prefix` names
// the section in errors ("http.tls"). `alpn` points to a constant list (&kAlpnHttp11), which
// outlives every context.
// Client certificates are verified when client_certificate is request or require (then a
// certificate is demanded).
absl::StatusOr<ServerSslContext> BuildServerSslContext(const gateway::v1::Tls& tls,
                                                       std::string_view prefix,
                                                       const std::string_view* alpn);

// OpenSSL's protocol version number for "1.2" / "1.3"; 0 for anything else.
int ProtocolVersionOf(std::string_view min_version);

}  // namespace ndxp::tls
