#pragma once
// One gateway process: the route table, identity, metrics, access log, the pipeline, and both
// listeners, started from a validated configuration and stopped by Drain().

#include <memory>

#include <absl/status/statusor.h>

#include "gateway/auth/client_registry.h"
#include "gateway/core/route_table.h"
#include "gateway/metrics/registry.h"
#include "gateway/server/access_log.h"
#include "gateway/server/call_pipeline.h"
#include "gateway/server/grpc/grpc_listener.h"
#include "gateway/server/http/http_listener.h"
#include "gateway/server/serving_state.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::server {

class GatewayServer {
 public:
  // `config` must have its defaults applied and be validated.
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(
      const gateway::v1::GatewayConfig& config, std::unique_ptr<core::RouteTable> routes,
      std::unique_ptr<auth::ApiKeyAuthenticator> authenticator);
  ~GatewayServer();

  int grpc_port() const { return grpc_->port(); }
  int http_port() const { return http_->port(); }

  // Graceful stop: not ready, stop accepting on both listeners, in-flight calls finish within
  // shutdown.drain_timeout, the rest are cancelled.
  void Drain();

 private:
  GatewayServer() = default;

  gateway::v1::GatewayConfig config_;
  std::unique_ptr<core::RouteTable> routes_;
  std::unique_ptr<auth::ApiKeyAuthenticator> authenticator_;
  std::unique_ptr<metrics::Registry> registry_;
  std::unique_ptr<AccessLog> access_log_;
  std::unique_ptr<CallPipeline> pipeline_;
  ServingState state_;
  std::unique_ptr<GrpcListener> grpc_;
  std::unique_ptr<HttpListener> http_;
};

// InputLimits from the configuration's limits section.
InputLimits LimitsFrom(const gateway::v1::Limits& limits);

}  // namespace ndxp::server
