#pragma once
// The protocols a call can arrive in, and canonical status-code names, as metric label values and
// access-log fields.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <absl/status/status.h>

namespace ndxp::core {

enum class Protocol : std::uint8_t { kGrpc = 0, kConnect = 1, kRest = 2 };
inline constexpr std::size_t kProtocolCount = 3;

// "grpc", "connect", "rest".
std::string_view ProtocolName(Protocol protocol);

// Number of canonical status codes (OK .. UNAUTHENTICATED).
inline constexpr std::size_t kStatusCodeCount = 17;

// Canonical gRPC code name, e.g. "NOT_FOUND"; codes outside the canonical set are "UNKNOWN".
std::string_view CodeName(absl::StatusCode code);

}  // namespace ndxp::core
