#include "gateway/server/gateway_server.h"

#include <algorithm>
#include <thread>

#include <absl/time/clock.h>

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

#include "gateway/metrics/process_collector.h"

namespace ndxp::server {
namespace {

constexpr absl::Duration kMinimumDrainAnnouncement = absl::Milliseconds(500);

absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

void RegisterBuildInfo(metrics::Registry& registry, const core::RouteTable& routes) {
  registry
      .AddGauge("ndxp_gateway_build_info", "Build of the running gateway (value is always 1).",
                {"version", "grpc_version", "protobuf_version"})
      .WithLabels({NDXP_VERSION, grpc::Version(),
                   google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)})
      .Set(1);
  auto& routes_gauge = registry.AddGauge("ndxp_gateway_routes",
                                         "Methods routed, by connector.", {"connector"});
  for (const auto& route : routes.routes()) routes_gauge.WithLabels({route->connector_name}).Inc();
}

}  // namespace

InputLimits LimitsFrom(const gateway::v1::Limits& limits) {
  InputLimits out;
  out.max_request_bytes = limits.max_request_bytes();
  out.max_header_bytes = limits.max_header_bytes();
  out.max_json_depth = limits.max_json_depth();
  out.default_deadline = ToDuration(limits.default_deadline());
  out.max_deadline = ToDuration(limits.max_deadline());
  return out;
}

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(
    const gateway::v1::GatewayConfig& config, std::unique_ptr<core::RouteTable> routes,
    std::unique_ptr<auth::ApiKeyAuthenticator> authenticator) {
  std::unique_ptr<GatewayServer> server(new GatewayServer());
  server->config_ = config;
  server->routes_ = std::move(routes);
  server->authenticator_ = std::move(authenticator);
  server->registry_ = std::make_unique<metrics::Registry>();
  metrics::AddProcessCollector(*server->registry_);
  RegisterBuildInfo(*server->registry_, *server->routes_);
  auto access_log = AccessLog::Open(config.access_log().path());
  if (!access_log.ok()) return access_log.status();
  server->access_log_ = std::move(*access_log);
  server->pipeline_ = std::make_unique<CallPipeline>(*server->routes_, *server->authenticator_,
                                                     *server->registry_, *server->access_log_);
  InputLimits limits = LimitsFrom(config.limits());

  GrpcListenerOptions grpc_options{.address = config.grpc().address(),
                                   .reflection = config.grpc().reflection(),
                                   .health = config.grpc().health(),
                                   .limits = limits};
  auto grpc_listener = GrpcListener::Start(grpc_options, *server->pipeline_);
  if (!grpc_listener.ok()) return grpc_listener.status();
  server->grpc_ = std::move(*grpc_listener);

  HttpListenerOptions http_options{.address = config.http().address(),
                                   .threads = config.http().threads(),
                                   .idle_timeout = ToDuration(config.http().idle_timeout()),
                                   .limits = limits};
  auto http_listener = HttpListener::Start(http_options, *server->pipeline_, server->state_);
  if (!http_listener.ok()) return http_listener.status();
  server->http_ = std::move(*http_listener);
  server->state_.SetReady(true);
  return server;
}

GatewayServer::~GatewayServer() {
  if (grpc_ || http_) Drain();
}

void GatewayServer::Drain() {
  state_.SetDraining();
  absl::Time started = absl::Now();
  absl::Time deadline = started + ToDuration(config_.shutdown().drain_timeout());
  // New calls are answered UNAVAILABLE (retryable) while admitted ones finish; then the listeners
  // stop, cancelling whatever is still running at the deadline.
  if (grpc_) grpc_->MarkNotServing();
  if (pipeline_) {
    pipeline_->StartDraining();
    pipeline_->WaitUntilIdle(deadline);
    // Keep answering UNAVAILABLE for a short while, so that clients with calls in a loop learn of
    // the drain from a retryable status rather than from gRPC cancelling calls at shutdown.
    absl::SleepFor(std::min(started + kMinimumDrainAnnouncement, deadline) - absl::Now());
  }
  // Both listeners drain at the same time, bounded by one deadline.
  std::thread http_drain([this, deadline] {
    if (http_) http_->Shutdown(deadline);
  });
  if (grpc_) grpc_->Shutdown(deadline);
  http_drain.join();
  grpc_.reset();
  http_.reset();
  if (access_log_) access_log_->Flush();
}

}  // namespace ndxp::server
