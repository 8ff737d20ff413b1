#pragma once
// The gRPC listener: unary routes as registered methods, the generic service (streaming routes and
// unknown methods), plus, when enabled, server
// reflection (v1, v1alpha) and grpc.health.v1.Health, which answer without credentials.

#include <memory>
#include <string>

#include <absl/status/statusor.h>
#include <absl/time/time.h>
#include <grpcpp/server.h>

#include "gateway/server/call_pipeline.h"
#include "gateway/server/grpc/grpc_call_reactor.h"
#include "gateway/server/grpc/grpc_unary_service.h"
#include "gateway/server/grpc/reflection_index.h"
#include "gateway/server/limits.h"

namespace ndxp::server {

struct GrpcListenerOptions {
  std::string address;  // HOST:PORT; port 0 picks a free port
  bool reflection = true;
  bool health = true;
  InputLimits limits;
};

class GrpcListener {
 public:
  static absl::StatusOr<std::unique_ptr<GrpcListener>> Start(const GrpcListenerOptions& options,
                                                             CallPipeline& pipeline);
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
  std::unique_ptr<GrpcUnaryService> unary_;
  std::unique_ptr<GrpcGenericService> generic_;
  std::unique_ptr<ReflectionIndex> reflection_index_;
  std::vector<std::unique_ptr<grpc::Service>> named_services_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace ndxp::server
