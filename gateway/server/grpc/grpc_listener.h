#pragma once
// The gRPC listener: unary routes as registered methods, the generic service (streaming routes and
// unknown methods), plus, when enabled, server
// reflection (v1, v1alpha) and grpc.health.v1.Health, which answer without credentials.

#include <memory>
#include <optional>
#include <string>

#include <absl/status/statusor.h>
#include <absl/time/time.h>
#include <grpcpp/server.h>

#include "gateway/server/grpc/grpc_stream_call.h"
#include "gateway/server/grpc/grpc_tls.h"
#include "gateway/server/grpc/grpc_unary_service.h"
#include "gateway/server/pipeline.h"
#include "gateway/server/grpc/reflection_index.h"
#include "gateway/server/limits.h"

namespace ndxp::server {

// Connection settings (grpc.* in the configuration; defaults as there).
struct GrpcConnectionOptions {
  absl::Duration keepalive_time = absl::Seconds(60);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  absl::Duration min_ping_interval = absl::Seconds(10);
  absl::Duration max_connection_idle = absl::Minutes(15);
  absl::Duration max_connection_age = absl::Hours(1);
  absl::Duration max_connection_age_grace = absl::Minutes(5);
  std::uint32_t max_concurrent_streams = 256;
};

struct GrpcListenerOptions {
  std::string address;  // HOST:PORT; port 0 picks a free port
  bool reflection = true;
  bool health = true;
  InputLimits limits;
  GrpcConnectionOptions connections;
  // TLS (grpc.tls, defaults applied); none: plaintext. `handshake_failures` is set with it and
  // outlives the listener.
  std::optional<gateway::v1::Tls> tls;
  const tls::HandshakeFailures* handshake_failures = nullptr;
};

class GrpcListener {
 public:
  static absl::StatusOr<std::unique_ptr<GrpcListener>> Start(const GrpcListenerOptions& options,
                                                             const Pipeline& pipeline);
  ~GrpcListener();

  // The bound port (the chosen one when the address asked for port 0).
  int port() const { return port_; }
  // Health: every service NOT_SERVING (first step of a drain).
  void MarkNotServing();
  // Marks every service NOT_SERVING, stops accepting calls, lets in-flight calls finish until
  // `deadline`, then cancels the rest. Returns when the server has stopped.
  void Shutdown(absl::Time deadline);

 private:
  GrpcListener() = default;

  GrpcListenerOptions options_;
  GrpcTls tls_;  // empty on a plaintext port
  std::unique_ptr<GrpcUnaryService> unary_;
  std::unique_ptr<GrpcGenericService> generic_;
  std::unique_ptr<ReflectionIndex> reflection_index_;
  std::vector<std::unique_ptr<grpc::Service>> named_services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace ndxp::server
