#pragma once
// Semantic checks of the limits keys: clients[].limits (rate, burst, quotas, per-connector
// entries) and the bulkheads connectors[].max_concurrent_calls and upstreams[].max_concurrent_calls.
// Each error is INVALID_ARGUMENT naming the key, e.g. `clients[3].limits.rate: expected "N/s",
// "N/m" or "N/h" (...), got "5/d"`. Called by ValidateConfig (validate.h); the client registry
// checks its file's entries with CheckClientLimits too.

#include <cstdint>
#include <string_view>
#include <vector>

#include <absl/status/status.h>

#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::config {

// Largest quota_daily / quota_monthly accepted (the counters keep 40 bits).
inline constexpr std::uint64_t kMaxQuota = 1'000'000'000'000;
// Largest max_concurrent_calls accepted (0 is no limit).
inline constexpr std::uint32_t kMaxConcurrentCallsLimit = 1'000'000;

// One client's limits; `path` names them in errors ("clients[3].limits"). rate parses (rate.h);
// burst at most kMaxBurst and only with a rate; quotas at most kMaxQuota, quota_daily not above
// quota_monthly; each connectors[] entry names one of `known_connectors` (not checked when the
// list is empty), at most once, and sets at least one limit.
absl::Status CheckClientLimits(const gateway::v1::ClientLimits& limits, std::string_view path,
                               const std::vector<std::string_view>& known_connectors);

// clients[i].limits for every client, against the connectors this configuration routes
// (connectors[].name and upstreams[].name, after ApplyDefaults), then connectors[i] and
// upstreams[i].max_concurrent_calls (0 to kMaxConcurrentCallsLimit).
absl::Status ValidateLimits(const gateway::v1::GatewayConfig& config);

}  // namespace ndxp::config
