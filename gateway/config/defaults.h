#pragma once
// The defaults that config.proto states on its fields, applied to a parsed configuration, and the
// embedded default configuration (the gateway started without --config).

#include <cstdint>
#include <string_view>
#include <vector>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

inline constexpr std::string_view kDefaultGrpcAddress = "127.0.0.1:50051";
inline constexpr std::string_view kDefaultHttpAddress = "127.0.0.1:8080";
inline constexpr std::int64_t kDefaultIdleTimeoutSeconds = 60;
inline constexpr std::uint32_t kDefaultMaxRequestBytes = 4 * 1024 * 1024;
inline constexpr std::uint32_t kDefaultMaxHeaderBytes = 16384;
inline constexpr std::uint32_t kDefaultMaxJsonDepth = 32;
inline constexpr std::int64_t kDefaultDeadlineSeconds = 30;
inline constexpr std::int64_t kDefaultMaxDeadlineSeconds = 300;
inline constexpr std::string_view kDefaultAccessLogPath = "-";
inline constexpr std::int64_t kDefaultDrainTimeoutSeconds = 10;
inline constexpr std::uint64_t kDefaultConnectorSeed = 1;

// Fills every field that is absent (or zero, for fields without presence) with its default.
// An empty `connectors` list becomes one entry per name of `builtin_connectors` (pass
// connectors::BuiltinConnectorNames()); a connector's seed 0 becomes 1; scale 0 stays 0 (the
// connector's own default). Clients are left as they are. Idempotent.
void ApplyDefaults(ndxp::gateway::v1::GatewayConfig& config,
                   const std::vector<std::string_view>& builtin_connectors);

// The embedded default: ApplyDefaults on an empty configuration.
ndxp::gateway::v1::GatewayConfig DefaultConfig(
    const std::vector<std::string_view>& builtin_connectors);

}  // namespace ndxp::config
