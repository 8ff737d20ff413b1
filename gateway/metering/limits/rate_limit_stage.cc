#include "gateway/metering/limits/rate_limit_stage.h"

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/strings.h"
#include "gateway/metering/limits/limit_refusal.h"
#include "gateway/metering/limits/token_bucket.h"

namespace ndxp::metering {

RateLimitStage::RateLimitStage(std::shared_ptr<LimitsState> state, std::size_t connector)
    : state_(std::move(state)),
      connector_(connector),
      connector_subject_suffix_(core::Cat("/connector:", state_->ConnectorName(connector))) {}

core::Verdict RateLimitStage::OnRequest(core::Call& call) {
  return Admit(call, TokenBucket::Now());
}

core::Verdict RateLimitStage::Admit(core::Call& call, std::int64_t now_ns) {
  ClientSlot* slot = state_->SlotFor(call.context());
  if (slot == nullptr || !slot->has_rate.load(std::memory_order_acquire)) {
    return core::Verdict::Continue();
  }
  std::int64_t wait_ns = 0;
  RateLimit& all = slot->rate;
  if (!all.bucket.TryTake(now_ns, &wait_ns)) {
    return core::Verdict::Stop(RefuseForLimit(
        call, *state_, slot, connector_, LimitKind::kRate, slot->subject,
        core::Cat("rate limit of client ", slot->id, " (", all.Describe(), ") exceeded"),
        absl::Nanoseconds(wait_ns)));
  }
  RateLimit& on_connector = slot->connector_rate[connector_];
  if (!on_connector.bucket.TryTake(now_ns, &wait_ns)) {
    all.bucket.GiveBack();
    return core::Verdict::Stop(RefuseForLimit(
        call, *state_, slot, connector_, LimitKind::kRate,
        core::Cat(slot->subject, connector_subject_suffix_),
        core::Cat("rate limit of client ", slot->id, " on connector ",
                  state_->ConnectorName(connector_), " (", on_connector.Describe(), ") exceeded"),
        absl::Nanoseconds(wait_ns)));
  }
  return core::Verdict::Continue();
}

RateLimitFactory::RateLimitFactory(std::shared_ptr<LimitsState> state)
    : state_(std::move(state)), by_connector_(state_->connector_count()) {}

core::Stage* RateLimitFactory::ForRoute(const core::Route* route) {
  if (route == nullptr) return nullptr;
  const std::size_t connector = state_->ConnectorIndex(route->connector_name);
  if (connector == LimitsState::kNoConnector) return nullptr;
  auto& stage = by_connector_[connector];
  if (stage == nullptr) stage = std::make_unique<RateLimitStage>(state_, connector);
  return stage.get();
}

}  // namespace ndxp::metering
