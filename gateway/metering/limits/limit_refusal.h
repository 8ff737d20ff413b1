#pragma once
// How a limit stage refuses a call: RESOURCE_EXHAUSTED with an ErrorInfo (reason RATE_LIMITED,
// CONCURRENCY_LIMITED, DAILY_QUOTA_EXHAUSTED or MONTHLY_QUOTA_EXHAUSTED; metadata client,
// connector, kind), a QuotaFailure violation (subject, description) and a RetryInfo
// (core::LimitExceeded); a `retry-after` response header in whole seconds, rounded up, at least
// 1 (HTTP: the header; gRPC: initial metadata, which gRPC sends with the status); and the hit
// counted in ndxp_gateway_limit_hits_total.

#include <cstddef>
#include <string_view>

#include <absl/status/status.h>
#include <absl/time/time.h>

#include "gateway/core/call.h"
#include "gateway/metering/limits/limits_state.h"

namespace ndxp::metering {

inline constexpr std::string_view kRetryAfterHeader = "retry-after";
// The retry delay of a full bulkhead: calls there end soon, and nothing says when.
inline constexpr absl::Duration kConcurrencyRetryDelay = absl::Seconds(1);

std::string_view LimitReason(LimitKind kind);
// Whole seconds, rounded up, at least 1.
std::int64_t RetryAfterSeconds(absl::Duration delay);

// `slot` may be null (a call without a client); `connector` is the route's connector index.
absl::Status RefuseForLimit(core::Call& call, LimitsState& state, ClientSlot* slot,
                            std::size_t connector, LimitKind kind, std::string_view subject,
                            std::string_view description, absl::Duration retry_delay);

}  // namespace ndxp::metering
