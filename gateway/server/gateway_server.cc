#include "gateway/server/gateway_server.h"

#include <algorithm>
#include <thread>

#include <absl/time/clock.h>
#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

#include "gateway/auth/declaration_stage.h"
#include "gateway/metrics/process_collector.h"
#include "gateway/stages/access_log/access_log_stage.h"
#include "gateway/stages/deadline/deadline_stage.h"
#include "gateway/stages/metrics/metrics_stage.h"
#include "gateway/stages/routing/no_route_stage.h"
#include "gateway/stages/trace/trace_context_stage.h"
#include "gateway/tls/certificate_expiry.h"

namespace ndxp::server {
namespace {

// The certificates this process presents: its listeners' and its client certificates to upstreams.
std::vector<tls::PresentedCertificate> PresentedCertificates(const gateway::v1::GatewayConfig& config) {
  std::vector<tls::PresentedCertificate> out;
  if (config.grpc().has_tls()) out.push_back({"grpc", config.grpc().tls().cert_file()});
  if (config.http().has_tls()) out.push_back({"http", config.http().tls().cert_file()});
  for (const auto& upstream : config.upstreams()) {
    if (!upstream.has_tls() || upstream.tls().cert_file().empty()) continue;
    const std::string& name = upstream.name().empty() ? upstream.service() : upstream.name();
    out.push_back({"upstream:" + name, upstream.tls().cert_file()});
  }
  return out;
}

constexpr absl::Duration kMinimumDrainAnnouncement = absl::Milliseconds(500);
constexpr absl::Duration kAccessLogFinalFlush = absl::Seconds(2);

absl::Duration ToDuration(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

// A setting where zero means "off".
absl::Duration OrInfinite(const google::protobuf::Duration& d) {
  absl::Duration out = ToDuration(d);
  return out <= absl::ZeroDuration() ? absl::InfiniteDuration() : out;
}

void RegisterBuildInfo(metrics::Registry& registry, const core::RouteTable& routes) {
  registry
      .AddGauge("ndxp_gateway_build_info", "Build of the running gateway (value is always 1).",
                {"version", "grpc_version", "protobuf_version"})
      .WithLabels({NDXP_VERSION, grpc::Version(),
                   google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)})
      .Set(1);
  auto& routes_gauge = registry.AddGauge(
      "ndxp_gateway_routes", "Methods routed, by connector and target kind.", {"connector", "target"});
  for (const auto& route : routes.routes()) {
    routes_gauge.WithLabels({route->connector_name, route->target->kind()}).Inc();
  }
}

absl::flat_hash_map<std::string, absl::Duration> RouteTimeouts(
    const gateway::v1::GatewayConfig& config) {
  absl::flat_hash_map<std::string, absl::Duration> out;
  for (const auto& upstream : config.upstreams()) {
    if (upstream.has_timeout()) out[upstream.service()] = ToDuration(upstream.timeout());
  }
  return out;
}

}  // namespace

InputLimits LimitsFrom(const gateway::v1::Limits& limits) {
  InputLimits out;
  out.max_request_bytes = limits.max_request_bytes();
  out.max_header_bytes = limits.max_header_bytes();
  out.max_json_depth = limits.max_json_depth();
  return out;
}

GrpcConnectionOptions ConnectionOptionsFrom(const gateway::v1::GrpcListener& grpc) {
  GrpcConnectionOptions out;
  out.keepalive_time = OrInfinite(grpc.keepalive_time());
  out.keepalive_timeout = ToDuration(grpc.keepalive_timeout());
  out.min_ping_interval = ToDuration(grpc.min_ping_interval());
  out.max_connection_idle = OrInfinite(grpc.max_connection_idle());
  out.max_connection_age = OrInfinite(grpc.max_connection_age());
  out.max_connection_age_grace = OrInfinite(grpc.max_connection_age_grace());
  out.max_concurrent_streams = grpc.max_concurrent_streams();
  return out;
}

absl::Status GatewayServer::BuildPipeline(const gateway::v1::GatewayConfig& config,
                                          ServerParts& parts) {
  auto access_log = stages::AccessLogWriter::Open(config.access_log().path(), *registry_);
  if (!access_log.ok()) return access_log.status();
  access_log_ = *std::move(access_log);
  state_.AddCheck([log = access_log_.get()] { return log->Problem(); });

  factories_.push_back(std::make_unique<stages::MetricsStageFactory>(*registry_, parts.max_clients));
  factories_.push_back(std::make_unique<stages::AccessLogStageFactory>(*access_log_));
  factories_.push_back(std::make_unique<stages::TraceContextStageFactory>());
  factories_.push_back(std::make_unique<stages::DrainStageFactory>(drain_gate_));
  factories_.push_back(
      std::make_unique<stages::DeadlineStageFactory>(config.limits(), RouteTimeouts(config)));
  factories_.push_back(std::make_unique<auth::DeclarationFactory>());
  if (parts.identify) {
    for (auto& factory : parts.identify(*registry_)) factories_.push_back(std::move(factory));
  }
  if (parts.metering) {
    for (auto& factory : parts.metering(*registry_)) factories_.push_back(std::move(factory));
  }
  for (auto& check : parts.readiness_checks) state_.AddCheck(std::move(check));
  factories_.push_back(std::make_unique<stages::NoRouteStageFactory>());
  std::vector<core::StageFactory*> order;
  for (auto& factory : factories_) order.push_back(factory.get());
  pipeline_ = std::make_unique<Pipeline>(*routes_, order, *registry_);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(
    const gateway::v1::GatewayConfig& config, ServerParts parts) {
  std::unique_ptr<GatewayServer> server(new GatewayServer());
  server->config_ = config;
  server->registry_ =
      parts.registry ? std::move(parts.registry) : std::make_unique<metrics::Registry>();
  server->keep_ = std::move(parts.keep);
  server->routes_ = std::move(parts.routes);
  metrics::AddProcessCollector(*server->registry_);
  RegisterBuildInfo(*server->registry_, *server->routes_);
  if (auto s = server->BuildPipeline(config, parts); !s.ok()) return s;
  InputLimits limits = LimitsFrom(config.limits());
  auto& handshake_failures = tls::HandshakeFailures::AddFamily(*server->registry_);
  tls::AddCertificateExpiryCollector(*server->registry_, PresentedCertificates(config));

  GrpcListenerOptions grpc_options{.address = config.grpc().address(),
                                   .reflection = config.grpc().reflection(),
                                   .health = config.grpc().health(),
                                   .limits = limits,
                                   .connections = ConnectionOptionsFrom(config.grpc())};
  if (config.grpc().has_tls()) {
    server->grpc_handshake_failures_ =
        std::make_unique<tls::HandshakeFailures>(handshake_failures, "grpc");
    grpc_options.tls = config.grpc().tls();
    grpc_options.handshake_failures = server->grpc_handshake_failures_.get();
  }
  auto grpc_listener = GrpcListener::Start(grpc_options, *server->pipeline_);
  if (!grpc_listener.ok()) return grpc_listener.status();
  server->grpc_ = std::move(*grpc_listener);

  if (parts.http) {
    HttpListenerOptions http_options{.address = config.http().address(),
                                     .threads = config.http().threads(),
                                     .idle_timeout = ToDuration(config.http().idle_timeout()),
                                     .limits = limits};
    if (config.http().has_tls()) {
      server->http_handshake_failures_ =
          std::make_unique<tls::HandshakeFailures>(handshake_failures, "http");
      http_options.tls = config.http().tls();
      http_options.handshake_failures = server->http_handshake_failures_.get();
    }
    auto http_listener = HttpListener::Start(http_options, *server->pipeline_, server->state_);
    if (!http_listener.ok()) return http_listener.status();
    server->http_ = std::move(*http_listener);
  }
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
  drain_gate_.StartDraining();
  const bool idle = drain_gate_.WaitUntilIdle(deadline);
  // Keep answering UNAVAILABLE for a short while, so that clients with calls in a loop learn of
  // the drain from a retryable status rather than from gRPC cancelling calls at shutdown.
  absl::SleepFor(std::min(started + kMinimumDrainAnnouncement, deadline) - absl::Now());
  // With no call left, nothing is cut by stopping now: gRPC's Shutdown would otherwise wait until
  // the deadline for clients to close their idle connections.
  if (idle) deadline = std::min(deadline, absl::Now());
  // Both listeners drain at the same time, bounded by one deadline.
  std::thread http_drain([this, deadline] {
    if (http_) http_->Shutdown(deadline);
  });
  if (grpc_) grpc_->Shutdown(deadline);
  http_drain.join();
  grpc_.reset();
  http_.reset();
  if (access_log_) access_log_->Flush(kAccessLogFinalFlush);
}

}  // namespace ndxp::server
