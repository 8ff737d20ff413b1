#pragma once
// The HTTP/1.1 listener (Boost.Beast on Asio): Connect protocol unary calls
// (POST /<service>/<method>, JSON or binary proto), the REST mappings declared with
// google.api.http, /metrics, /healthz and /readyz. Calls run through the same chains as gRPC.
// With `tls`, every connection is TLS (OpenSSL, gateway/tls/server_ssl_context.h): the context is
// rebuilt when the certificate, key, client CA or CRL files change, and used for the connections
// accepted afterwards; established connections keep theirs.

#include <absl/status/statusor.h>
#include <absl/time/time.h>

#include <memory>
#include <optional>
#include <string>

#include "gateway/server/pipeline.h"
#include "gateway/server/limits.h"
#include "gateway/server/serving_state.h"
#include "gateway/tls/handshake_failure.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::server {

struct HttpListenerOptions {
  std::string address;   // HOST:PORT; port 0 picks a free port
  unsigned threads = 0;  // 0: one per core
  absl::Duration idle_timeout = absl::Seconds(60);
  InputLimits limits;
  // TLS (http.tls, defaults applied); none: plaintext. `handshake_failures` is set with it and
  // outlives the listener.
  std::optional<gateway::v1::Tls> tls;
  const tls::HandshakeFailures* handshake_failures = nullptr;
};

class HttpListener {
 public:
  static absl::StatusOr<std::unique_ptr<HttpListener>> Start(const HttpListenerOptions& options,
                                                             const Pipeline& pipeline,
                                                             const ServingState& state);
  ~HttpListener();

  int port() const;
  // Stops accepting, lets requests in progress finish until `deadline`, then closes every
  // connection and joins the threads.
  void Shutdown(absl::Time deadline);

 private:
  class Impl;
  explicit HttpListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ndxp::server
