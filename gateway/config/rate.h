#pragma once
// A rate as clients[].limits.rate writes it: "N/s", "N/m" or "N/h", N a positive integer up to
// kMaxRateCount; and the default burst of a token bucket at that rate.

#include <cstdint>
#include <string_view>

#include <absl/status/statusor.h>

namespace ndxp::config {

inline constexpr std::uint32_t kMaxRateCount = 1'000'000;
// The largest burst (bucket size) accepted.
inline constexpr std::uint32_t kMaxBurst = 1'000'000;

struct Rate {
  std::uint32_t count = 0;           // N
  std::int64_t period_seconds = 0;   // 1, 60 or 3600
};

// INVALID_ARGUMENT without a key path, e.g. `expected "N/s", "N/m" or "N/h", got "5/d"`.
absl::StatusOr<Rate> ParseRate(std::string_view text);

// The calls of one second at `rate` (rounded down), at least 1.
std::uint32_t DefaultBurst(const Rate& rate);

}  // namespace ndxp::config
