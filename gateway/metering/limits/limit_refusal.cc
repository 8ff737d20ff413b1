#include "gateway/metering/limits/limit_refusal.h"

#include <string>

#include "gateway/core/status.h"
#include "gateway/core/strings.h"

namespace ndxp::metering {

std::string_view LimitReason(LimitKind kind) {
  switch (kind) {
    case LimitKind::kRate: return "RATE_LIMITED";
    case LimitKind::kConcurrency: return "CONCURRENCY_LIMITED";
    case LimitKind::kQuotaDaily: return "DAILY_QUOTA_EXHAUSTED";
    case LimitKind::kQuotaMonthly: return "MONTHLY_QUOTA_EXHAUSTED";
  }
  return "RATE_LIMITED";
}

std::int64_t RetryAfterSeconds(absl::Duration delay) {
  const std::int64_t seconds = absl::ToInt64Seconds(absl::Ceil(delay, absl::Seconds(1)));
  return seconds < 1 ? 1 : seconds;
}

absl::Status RefuseForLimit(core::Call& call, LimitsState& state, ClientSlot* slot,
                            std::size_t connector, LimitKind kind, std::string_view subject,
                            std::string_view description, absl::Duration retry_delay) {
  state.CountHit(slot, connector, kind);
  const std::int64_t retry_after = RetryAfterSeconds(retry_delay);
  call.AddResponseHeader(std::string(kRetryAfterHeader), core::Cat(retry_after));
  const std::string_view client = slot != nullptr ? std::string_view(slot->id) : "";
  const std::string_view connector_name =
      connector < state.connector_count() ? std::string_view(state.ConnectorName(connector)) : "";
  return core::LimitExceeded(
      core::Cat(description, "; try again in ", retry_after, "s"), LimitReason(kind), subject,
      description, retry_delay,
      {{"client", client}, {"connector", connector_name}, {"kind", LimitKindName(kind)}});
}

}  // namespace ndxp::metering
