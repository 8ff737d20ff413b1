#pragma once
// Semantic checks of a configuration, after ApplyDefaults. Each error is INVALID_ARGUMENT naming
// the key, e.g. `clients[1].id: duplicate id "VN:PROV:79:ONESTOP" (also clients[0].id)`.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <absl/status/status.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

inline constexpr std::size_t kMaxClientIdLength = 64;
// gRPC takes message size limits as int.
inline constexpr std::uint32_t kMaxRequestBytesLimit = 2147483647;
inline constexpr std::uint32_t kMaxHttpThreads = 1024;
inline constexpr std::uint32_t kMaxConcurrentStreamsLimit = 1'000'000;
inline constexpr std::uint32_t kMaxConnectionsPerEndpoint = 64;
inline constexpr std::int64_t kMinUpstreamKeepaliveSeconds = 1;

// Letters, digits, ':', '-', '_' and '.'; 1 to 64 characters (config.proto).
bool IsValidClientId(std::string_view id);

// 64 lowercase hexadecimal characters.
bool IsLowerHexSha256(std::string_view digest);

// A protobuf full name: identifiers ([A-Za-z_][A-Za-z0-9_]*) joined by single dots, e.g.
// "ndxp.population.v1.PopulationService".
bool IsProtoFullName(std::string_view name);

// Checks, in order: listener addresses (HOST:PORT, not both the same), the gRPC listener's
// connection settings (keepalive_time, keepalive_timeout, min_ping_interval > 0;
// max_connection_idle, max_connection_age, max_connection_age_grace >= 0, 0 meaning never;
// max_concurrent_streams 1 to 1000000), grpc.tls and http.tls (validate_tls.h: their files are
// read), http.threads, idle timeout, limits (> 0, max_deadline >=
// default_deadline), clients (ids valid and unique; digests well formed and unique across
// clients), connectors (names in `known_connectors`, unique), upstreams (below), the limits keys
// (clients[].limits and the bulkheads: validate_limits.h), upstream_identity.max_age > 0, the
// ledger section (validate_ledger.h), shutdown.drain_timeout > 0. Returns the first problem.
//
// `known_services[i]` is the full name of the service `known_connectors[i]` serves (as
// ApplyDefaults takes them). Each upstream: a service given by its full name, not given by
// another upstream nor by a listed in-process connector; at least one endpoint, each HOST:PORT
// (ParseEndpoint) and none twice; a known balancing; timeout > 0 when given; a descriptor_set
// unless the service is one of `known_services`; connections_per_endpoint 1 to 64;
// keepalive_time >= 1s. The only files read are the TLS sections': descriptor_set and
// upstream_identity.key_file are read at start.
absl::Status ValidateConfig(const ndxp::gateway::v1::GatewayConfig& config,
                            const std::vector<std::string_view>& known_connectors,
                            const std::vector<std::string_view>& known_services = {});

}  // namespace ndxp::config
