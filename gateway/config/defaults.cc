#include "gateway/config/defaults.h"

#include <algorithm>
#include <set>
#include <string>

#include "gateway/config/audit_config.h"
#include "gateway/config/rate.h"

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

void DefaultTls(v1::Tls& tls) {
  if (tls.min_version().empty()) tls.set_min_version(std::string(kDefaultTlsMinVersion));
  if (tls.ciphers().empty()) tls.set_ciphers(std::string(kDefaultTlsCiphers));
  if (tls.client_certificate() == v1::CLIENT_CERTIFICATE_UNSPECIFIED) {
    tls.set_client_certificate(tls.client_ca_file().empty() ? v1::CLIENT_CERTIFICATE_NONE
                                                            : v1::CLIENT_CERTIFICATE_REQUIRE);
  }
}

void DefaultGrpc(v1::GrpcListener& grpc) {
  if (grpc.address().empty()) grpc.set_address(std::string(kDefaultGrpcAddress));
  if (!grpc.has_reflection()) grpc.set_reflection(true);
  if (!grpc.has_health()) grpc.set_health(true);
  if (!grpc.has_keepalive_time()) {
    grpc.mutable_keepalive_time()->set_seconds(kDefaultGrpcKeepaliveTimeSeconds);
  }
  if (!grpc.has_keepalive_timeout()) {
    grpc.mutable_keepalive_timeout()->set_seconds(kDefaultGrpcKeepaliveTimeoutSeconds);
  }
  if (!grpc.has_min_ping_interval()) {
    grpc.mutable_min_ping_interval()->set_seconds(kDefaultGrpcMinPingIntervalSeconds);
  }
  if (!grpc.has_max_connection_idle()) {
    grpc.mutable_max_connection_idle()->set_seconds(kDefaultMaxConnectionIdleSeconds);
  }
  if (!grpc.has_max_connection_age()) {
    grpc.mutable_max_connection_age()->set_seconds(kDefaultMaxConnectionAgeSeconds);
  }
  if (!grpc.has_max_connection_age_grace()) {
    grpc.mutable_max_connection_age_grace()->set_seconds(kDefaultMaxConnectionAgeGraceSeconds);
  }
  if (grpc.max_concurrent_streams() == 0) {
    grpc.set_max_concurrent_streams(kDefaultMaxConcurrentStreams);
  }
  if (grpc.has_tls()) DefaultTls(*grpc.mutable_tls());
}

void DefaultHttp(v1::HttpListener& http) {
  if (http.address().empty()) http.set_address(std::string(kDefaultHttpAddress));
  if (!http.has_idle_timeout()) {
    http.mutable_idle_timeout()->set_seconds(kDefaultIdleTimeoutSeconds);
  }
  if (http.has_tls()) DefaultTls(*http.mutable_tls());
}

void DefaultLimits(v1::Limits& limits) {
  if (limits.max_request_bytes() == 0) limits.set_max_request_bytes(kDefaultMaxRequestBytes);
  if (limits.max_header_bytes() == 0) limits.set_max_header_bytes(kDefaultMaxHeaderBytes);
  if (limits.max_json_depth() == 0) limits.set_max_json_depth(kDefaultMaxJsonDepth);
  if (!limits.has_default_deadline()) {
    limits.mutable_default_deadline()->set_seconds(kDefaultDeadlineSeconds);
  }
  if (!limits.has_max_deadline()) {
    limits.mutable_max_deadline()->set_seconds(kDefaultMaxDeadlineSeconds);
  }
}

// Absent (or empty) `connectors`: every built-in connector whose service no upstream serves.
void DefaultConnectors(v1::GatewayConfig& config,
                       const std::vector<std::string_view>& builtin_connectors,
                       const std::vector<std::string_view>& builtin_services) {
  if (config.connectors().empty()) {
    std::set<std::string_view> served_upstream;
    for (const v1::Upstream& upstream : config.upstreams()) {
      served_upstream.insert(
          BuiltinConnectorOf(upstream.service(), builtin_connectors, builtin_services));
    }
    for (std::string_view name : builtin_connectors) {
      if (!served_upstream.contains(name)) config.add_connectors()->set_name(std::string(name));
    }
  }
  for (v1::Connector& connector : *config.mutable_connectors()) {
    if (connector.seed() == 0) connector.set_seed(kDefaultConnectorSeed);
  }
}

void DefaultUpstream(v1::Upstream& upstream,
                     const std::vector<std::string_view>& builtin_connectors,
                     const std::vector<std::string_view>& builtin_services) {
  if (upstream.balancing() == v1::BALANCING_UNSPECIFIED) {
    upstream.set_balancing(v1::BALANCING_ROUND_ROBIN);
  }
  if (upstream.name().empty()) {
    const std::string_view builtin =
        BuiltinConnectorOf(upstream.service(), builtin_connectors, builtin_services);
    upstream.set_name(builtin.empty() ? upstream.service() : std::string(builtin));
  }
  if (upstream.connections_per_endpoint() == 0) {
    upstream.set_connections_per_endpoint(kDefaultConnectionsPerEndpoint);
  }
  if (!upstream.has_keepalive_time()) {
    upstream.mutable_keepalive_time()->set_seconds(kDefaultUpstreamKeepaliveSeconds);
  }
}

// A burst left out: the calls of one second at the rate, at least 1 (a rate that does not parse
// is left for validation to name).
template <class T>
void DefaultBurstOf(T& limits) {
  if (limits.rate().empty() || limits.burst() != 0) return;
  auto rate = ParseRate(limits.rate());
  if (rate.ok()) limits.set_burst(DefaultBurst(*rate));
}

void DefaultClientLimits(v1::Client& client) {
  if (!client.has_limits()) return;
  DefaultBurstOf(*client.mutable_limits());
  for (v1::ConnectorLimits& entry : *client.mutable_limits()->mutable_connectors()) {
    DefaultBurstOf(entry);
  }
}

}  // namespace

std::string_view BuiltinConnectorOf(std::string_view service,
                                    const std::vector<std::string_view>& builtin_connectors,
                                    const std::vector<std::string_view>& builtin_services) {
  if (service.empty()) return {};
  const std::size_t known = std::min(builtin_connectors.size(), builtin_services.size());
  for (std::size_t i = 0; i < known; ++i) {
    if (builtin_services[i] == service) return builtin_connectors[i];
  }
  return {};
}

void ApplyDefaults(v1::GatewayConfig& config,
                   const std::vector<std::string_view>& builtin_connectors,
                   const std::vector<std::string_view>& builtin_services) {
  DefaultGrpc(*config.mutable_grpc());
  DefaultHttp(*config.mutable_http());
  DefaultLimits(*config.mutable_limits());
  DefaultConnectors(config, builtin_connectors, builtin_services);
  for (v1::Upstream& upstream : *config.mutable_upstreams()) {
    DefaultUpstream(upstream, builtin_connectors, builtin_services);
  }
  for (v1::Client& client : *config.mutable_clients()) DefaultClientLimits(client);
  if (!config.upstream_identity().has_max_age()) {
    config.mutable_upstream_identity()->mutable_max_age()->set_seconds(
        kDefaultAssertionMaxAgeSeconds);
  }
  if (!config.access_log().has_path()) {
    config.mutable_access_log()->set_path(std::string(kDefaultAccessLogPath));
  }
  if (!config.shutdown().has_drain_timeout()) {
    config.mutable_shutdown()->mutable_drain_timeout()->set_seconds(kDefaultDrainTimeoutSeconds);
  }
  DefaultAudit(*config.mutable_audit());
}

v1::GatewayConfig DefaultConfig(const std::vector<std::string_view>& builtin_connectors) {
  v1::GatewayConfig config;
  ApplyDefaults(config, builtin_connectors);
  return config;
}

}  // namespace ndxp::config
