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

// Letters, digits, ':', '-', '_' and '.'; 1 to 64 characters (config.proto).
bool IsValidClientId(std::string_view id);

// 64 lowercase hexadecimal characters.
bool IsLowerHexSha256(std::string_view digest);

// Checks, in order: listener addresses (HOST:PORT, not both the same), http.threads, idle
// timeout, limits (> 0, max_deadline >= default_deadline), clients (ids valid and unique; digests
// well formed and unique across clients), connectors (names in `known_connectors`, unique),
// shutdown.drain_timeout > 0. Returns the first problem.
absl::Status ValidateConfig(const ndxp::gateway::v1::GatewayConfig& config,
                            const std::vector<std::string_view>& known_connectors);

}  // namespace ndxp::config
