#pragma once
// Checks of a listener's `tls` section (after ApplyDefaults), reading its files: they exist, are
// readable and hold what they should; the key is the certificate's; a client CA is given when
// client certificates are asked for; the version and cipher settings are ones OpenSSL (and, on
// the gRPC listener, gRPC 1.51) can apply. Errors are INVALID_ARGUMENT naming the key, e.g.
// "grpc.tls.client_ca_file: required when client_certificate is require".

#include <string_view>

#include <absl/status/status.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

// Which listener a `tls` section belongs to: gRPC 1.51 cannot apply everything OpenSSL can.
enum class TlsListener { kGrpc, kHttp };

// `prefix` is the section's key, "grpc.tls" or "http.tls".
absl::Status CheckTls(std::string_view prefix, const ndxp::gateway::v1::Tls& tls,
                      TlsListener listener);

// An upstream's `tls` (prefix "upstreams[0].tls"): ca_file required and holding certificates;
// cert_file and key_file both or neither, the key the certificate's.
absl::Status CheckUpstreamTls(std::string_view prefix, const ndxp::gateway::v1::UpstreamTls& tls);

}  // namespace ndxp::config
