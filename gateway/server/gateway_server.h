#pragma once
// One server process (ndxp-gateway, or ndxp-connector which runs the same server): the route
// table, metrics, the access log, the chains of stages, and the listeners, started from a
// validated configuration and stopped by Drain().
//
// The chain of every route, in order (docs/architecture.md): metrics, access_log, trace_context,
// drain, deadline, declaration, the identify stages given (identify and policy for the gateway,
// the caller assertion for ndxp-connector), the metering stages given (limits, audit, quotas,
// usage), and no_route on the chain of calls to no route.
//
// grpc.tls and http.tls make the listeners TLS; their refused handshakes are counted in
// ndxp_gateway_tls_handshake_failures_total{listener,reason}.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "gateway/metrics/registry.h"
#include "gateway/server/grpc/grpc_listener.h"
#include "gateway/server/http/http_listener.h"
#include "gateway/server/pipeline.h"
#include "gateway/server/serving_state.h"
#include "gateway/stages/access_log/access_log_writer.h"
#include "gateway/stages/drain/drain_stage.h"
#include "gateway/tls/handshake_failure.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::server {

// Builds the identify stages once the server's registry exists.
using IdentifyFactories =
    std::function<std::vector<std::unique_ptr<core::StageFactory>>(metrics::Registry& registry)>;

struct ServerParts {
  // The process's metrics; made by Start when null. The routes' upstreams register theirs in it,
  // so it is made first.
  std::unique_ptr<metrics::Registry> registry;
  std::unique_ptr<core::RouteTable> routes;
  IdentifyFactories identify;
  // Builds the metering stages (limits, quotas, audit, usage), after the identify stages.
  IdentifyFactories metering;
  // Dependencies readiness reports on (the audit log, the ledger): "" while fine.
  std::vector<std::function<std::string()>> readiness_checks;
  // Clients with a dense index below this get cached per-client metric series.
  std::size_t max_clients = 0;
  // Serve the HTTP listener (Connect, REST, /metrics, /healthz, /readyz).
  bool http = true;
  // What the identify stages point into (the client registry), kept alive with the server; it
  // may read the routes, and is released before them.
  std::shared_ptr<void> keep;
};

class GatewayServer {
 public:
  // `config` must have its defaults applied and be validated.
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(
      const gateway::v1::GatewayConfig& config, ServerParts parts);
  ~GatewayServer();

  int grpc_port() const { return grpc_->port(); }
  int http_port() const { return http_ ? http_->port() : 0; }
  metrics::Registry& registry() { return *registry_; }

  // Graceful stop: not ready, new calls refused UNAVAILABLE, in-flight calls finish within
  // shutdown.drain_timeout, the rest are cancelled; the access log is flushed.
  void Drain();

 private:
  GatewayServer() = default;
  absl::Status BuildPipeline(const gateway::v1::GatewayConfig& config, ServerParts& parts);

  gateway::v1::GatewayConfig config_;
  std::unique_ptr<metrics::Registry> registry_;  // first made, last gone
  std::unique_ptr<core::RouteTable> routes_;
  std::shared_ptr<void> keep_;  // gone before the routes it may read
  std::unique_ptr<stages::AccessLogWriter> access_log_;
  stages::DrainGate drain_gate_;
  std::vector<std::unique_ptr<core::StageFactory>> factories_;
  std::unique_ptr<Pipeline> pipeline_;
  ServingState state_;
  std::unique_ptr<tls::HandshakeFailures> grpc_handshake_failures_;
  std::unique_ptr<tls::HandshakeFailures> http_handshake_failures_;
  std::unique_ptr<GrpcListener> grpc_;
  std::unique_ptr<HttpListener> http_;
};

// Listener settings from the configuration.
InputLimits LimitsFrom(const gateway::v1::Limits& limits);
GrpcConnectionOptions ConnectionOptionsFrom(const gateway::v1::GrpcListener& grpc);

}  // namespace ndxp::server
