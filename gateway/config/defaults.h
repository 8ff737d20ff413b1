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
inline constexpr std::int64_t kDefaultGrpcKeepaliveTimeSeconds = 60;
inline constexpr std::int64_t kDefaultGrpcKeepaliveTimeoutSeconds = 20;
inline constexpr std::int64_t kDefaultGrpcMinPingIntervalSeconds = 10;
inline constexpr std::int64_t kDefaultMaxConnectionIdleSeconds = 15 * 60;
inline constexpr std::int64_t kDefaultMaxConnectionAgeSeconds = 60 * 60;
inline constexpr std::int64_t kDefaultMaxConnectionAgeGraceSeconds = 5 * 60;
inline constexpr std::uint32_t kDefaultMaxConcurrentStreams = 256;
inline constexpr std::int64_t kDefaultIdleTimeoutSeconds = 60;
inline constexpr std::uint32_t kDefaultMaxRequestBytes = 4 * 1024 * 1024;
inline constexpr std::uint32_t kDefaultMaxHeaderBytes = 16384;
inline constexpr std::uint32_t kDefaultMaxJsonDepth = 32;
inline constexpr std::int64_t kDefaultDeadlineSeconds = 30;
inline constexpr std::int64_t kDefaultMaxDeadlineSeconds = 300;
inline constexpr std::string_view kDefaultAccessLogPath = "-";
inline constexpr std::int64_t kDefaultDrainTimeoutSeconds = 10;
inline constexpr std::uint64_t kDefaultConnectorSeed = 1;
inline constexpr std::uint32_t kDefaultConnectionsPerEndpoint = 1;
inline constexpr std::int64_t kDefaultUpstreamKeepaliveSeconds = 30;
inline constexpr std::int64_t kDefaultAssertionMaxAgeSeconds = 30;
inline constexpr std::string_view kDefaultTlsMinVersion = "1.2";
inline constexpr std::string_view kDefaultTlsCiphers = "ECDHE+AESGCM:ECDHE+CHACHA20";

// Fills every field that is absent (or zero, for fields without presence) with its default.
//
// `builtin_connectors` names every built-in connector (connectors::BuiltinConnectorNames());
// `builtin_services[i]` is the full name of the gRPC service `builtin_connectors[i]` serves
// (a shorter list, or none, leaves the rest unknown). An empty `connectors` list becomes one entry
// per built-in connector whose service no upstream serves (a service is routed once). A
// connector's seed 0 becomes 1; scale 0 stays 0 (the connector's own default). An upstream's
// balancing becomes round_robin, connections_per_endpoint 1, keepalive_time 30s, and an empty
// name the built-in connector's name for one of the built-in services, else the service's full
// name. A listener's tls section (when present): min_version "1.2", ciphers
// "ECDHE+AESGCM:ECDHE+CHACHA20", client_certificate require when client_ca_file is set, else none;
// ciphersuites stays empty (OpenSSL's). Of clients, only limits change: a burst left out (0) with
// a rate becomes the calls of one second at the rate, at least 1 (rate.h DefaultBurst), also in
// limits.connectors[]. Idempotent.
void ApplyDefaults(ndxp::gateway::v1::GatewayConfig& config,
                   const std::vector<std::string_view>& builtin_connectors,
                   const std::vector<std::string_view>& builtin_services = {});

// The built-in connector that serves `service` (by the lists ApplyDefaults takes), or "" when
// none does.
std::string_view BuiltinConnectorOf(std::string_view service,
                                    const std::vector<std::string_view>& builtin_connectors,
                                    const std::vector<std::string_view>& builtin_services);

// The embedded default: ApplyDefaults on an empty configuration.
ndxp::gateway::v1::GatewayConfig DefaultConfig(
    const std::vector<std::string_view>& builtin_connectors);

}  // namespace ndxp::config
