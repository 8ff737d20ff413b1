#include "gateway/metering/limits/quota_stage.h"

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/strings.h"
#include "gateway/metering/limits/limit_refusal.h"

namespace ndxp::metering {

QuotaStage::QuotaStage(std::shared_ptr<LimitsState> state, std::size_t connector)
    : state_(std::move(state)), connector_(connector) {}

core::Verdict QuotaStage::OnRequest(core::Call& call) { return Admit(call, state_->Now()); }

core::Verdict QuotaStage::Admit(core::Call& call, absl::Time now) {
  ClientSlot* slot = state_->SlotFor(call.context());
  if (slot == nullptr || !slot->has_quota.load(std::memory_order_acquire)) {
    return core::Verdict::Continue();
  }
  const QuotaPeriods periods = state_->calendar().At(now);
  struct Check {
    QuotaLimit* quota;
    bool monthly;
    bool on_connector;
  };
  const Check checks[] = {{&slot->monthly, true, false},
                          {&slot->daily, false, false},
                          {&slot->connector_monthly[connector_], true, true},
                          {&slot->connector_daily[connector_], false, true}};
  const Check* taken[4];
  int count = 0;
  for (const Check& check : checks) {
    const std::uint64_t limit = check.quota->limit.load(std::memory_order_acquire);
    if (limit == 0) continue;
    const std::uint32_t period = check.monthly ? periods.month : periods.day;
    if (check.quota->counter.TryTake(period, limit)) {
      taken[count++] = &check;
      continue;
    }
    for (int i = 0; i < count; ++i) {
      taken[i]->quota->counter.GiveBack(taken[i]->monthly ? periods.month : periods.day);
    }
    const std::string& connector = state_->ConnectorName(connector_);
    const absl::Time next = check.monthly ? state_->calendar().NextMonthStart(periods.month)
                                          : state_->calendar().NextDayStart(periods.day);
    const std::string subject =
        check.on_connector ? core::Cat(slot->subject, "/connector:", connector) : slot->subject;
    const std::string description = core::Cat(
        check.monthly ? "monthly" : "daily", " quota of client ", slot->id,
        check.on_connector ? core::Cat(" on connector ", connector) : std::string(), " (", limit,
        " calls) exhausted");
    return core::Verdict::Stop(RefuseForLimit(
        call, *state_, slot, connector_,
        check.monthly ? LimitKind::kQuotaMonthly : LimitKind::kQuotaDaily, subject, description,
        next - now));
  }
  return core::Verdict::Continue();
}

QuotaFactory::QuotaFactory(std::shared_ptr<LimitsState> state)
    : state_(std::move(state)), by_connector_(state_->connector_count()) {}

core::Stage* QuotaFactory::ForRoute(const core::Route* route) {
  if (route == nullptr) return nullptr;
  const std::size_t c = state_->ConnectorIndex(route->connector_name);
  if (c == LimitsState::kNoConnector) return nullptr;
  auto& stage = by_connector_[c];
  if (stage == nullptr) stage = std::make_unique<QuotaStage>(state_, c);
  return stage.get();
}

}  // namespace ndxp::metering
