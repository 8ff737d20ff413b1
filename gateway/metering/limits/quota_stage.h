#pragma once
// The quota stage: a client's daily and monthly quotas (clients[].limits.quota_daily and
// quota_monthly over all connectors, and limits.connectors[] on one) count the calls they admit,
// in the days and months of the metering time zone. A call over one is RESOURCE_EXHAUSTED, reason
// MONTHLY_QUOTA_EXHAUSTED or DAILY_QUOTA_EXHAUSTED (the month is checked first: its wait is the
// longer), retry delay until the next month or day starts. Quotas a refused call had taken are
// given back, so a quota counts admitted calls only; it is the last stage of the chain that may
// refuse, so what it admits reaches the target (what the ledger counts as served, and what quotas
// are seeded from at start: LimitsState).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/time/time.h>

#include "gateway/core/stage.h"
#include "gateway/metering/limits/limits_state.h"

namespace ndxp::metering {

class QuotaStage final : public core::Stage {
 public:
  QuotaStage(std::shared_ptr<LimitsState> state, std::size_t connector);
  std::string_view name() const override { return "quota"; }
  core::Verdict OnRequest(core::Call& call) override;
  // At the time given (tests).
  core::Verdict Admit(core::Call& call, absl::Time now);

 private:
  std::shared_ptr<LimitsState> state_;
  std::size_t connector_;
};

class QuotaFactory final : public core::StageFactory {
 public:
  explicit QuotaFactory(std::shared_ptr<LimitsState> state);
  std::string_view name() const override { return "quota"; }
  // One stage per connector; none for calls to no route.
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::shared_ptr<LimitsState> state_;
  std::vector<std::unique_ptr<QuotaStage>> by_connector_;
};

}  // namespace ndxp::metering
