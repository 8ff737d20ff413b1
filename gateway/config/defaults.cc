#include "gateway/config/defaults.h"

#include <string>

namespace ndxp::config {
namespace {

namespace v1 = ::ndxp::gateway::v1;

void DefaultListeners(v1::GatewayConfig& config) {
  v1::GrpcListener& grpc = *config.mutable_grpc();
  if (grpc.address().empty()) grpc.set_address(std::string(kDefaultGrpcAddress));
  if (!grpc.has_reflection()) grpc.set_reflection(true);
  if (!grpc.has_health()) grpc.set_health(true);

  v1::HttpListener& http = *config.mutable_http();
  if (http.address().empty()) http.set_address(std::string(kDefaultHttpAddress));
  if (!http.has_idle_timeout())
    http.mutable_idle_timeout()->set_seconds(kDefaultIdleTimeoutSeconds);
}

void DefaultLimits(v1::Limits& limits) {
  if (limits.max_request_bytes() == 0) limits.set_max_request_bytes(kDefaultMaxRequestBytes);
  if (limits.max_header_bytes() == 0) limits.set_max_header_bytes(kDefaultMaxHeaderBytes);
  if (limits.max_json_depth() == 0) limits.set_max_json_depth(kDefaultMaxJsonDepth);
  if (!limits.has_default_deadline()) {
    limits.mutable_default_deadline()->set_seconds(kDefaultDeadlineSeconds);
  }
  if (!limits.has_max_deadline())
    limits.mutable_max_deadline()->set_seconds(kDefaultMaxDeadlineSeconds);
}

void DefaultConnectors(v1::GatewayConfig& config,
                       const std::vector<std::string_view>& builtin_connectors) {
  if (config.connectors().empty()) {
    for (std::string_view name : builtin_connectors) {
      config.add_connectors()->set_name(std::string(name));
    }
  }
  for (v1::Connector& connector : *config.mutable_connectors()) {
    if (connector.seed() == 0) connector.set_seed(kDefaultConnectorSeed);
  }
}

}  // namespace

void ApplyDefaults(v1::GatewayConfig& config,
                   const std::vector<std::string_view>& builtin_connectors) {
  DefaultListeners(config);
  DefaultLimits(*config.mutable_limits());
  DefaultConnectors(config, builtin_connectors);
  if (!config.access_log().has_path()) {
    config.mutable_access_log()->set_path(std::string(kDefaultAccessLogPath));
  }
  if (!config.shutdown().has_drain_timeout()) {
    config.mutable_shutdown()->mutable_drain_timeout()->set_seconds(kDefaultDrainTimeoutSeconds);
  }
}

v1::GatewayConfig DefaultConfig(const std::vector<std::string_view>& builtin_connectors) {
  v1::GatewayConfig config;
  ApplyDefaults(config, builtin_connectors);
  return config;
}

}  // namespace ndxp::config
