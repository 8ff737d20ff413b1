#pragma once
// The rate_limit stage: a client's token buckets (clients[].limits.rate and burst over all
// connectors, clients[].limits.connectors[].rate on one) take one token per call; a call finding
// one empty is RESOURCE_EXHAUSTED, reason RATE_LIMITED, retry delay when a token is back
// (limit_refusal.h). A token taken from the client-wide bucket is given back when the
// connector's bucket refuses the call. No queueing: a call is admitted or refused at once.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/stage.h"
#include "gateway/metering/limits/limits_state.h"

namespace ndxp::metering {

class RateLimitStage final : public core::Stage {
 public:
  RateLimitStage(std::shared_ptr<LimitsState> state, std::size_t connector);
  std::string_view name() const override { return "rate_limit"; }
  core::Verdict OnRequest(core::Call& call) override;
  // With the time given (tests).
  core::Verdict Admit(core::Call& call, std::int64_t now_ns);

 private:
  std::shared_ptr<LimitsState> state_;
  std::size_t connector_;
  std::string connector_subject_suffix_;  // "/connector:<name>"
};

class RateLimitFactory final : public core::StageFactory {
 public:
  explicit RateLimitFactory(std::shared_ptr<LimitsState> state);
  std::string_view name() const override { return "rate_limit"; }
  // One stage per connector; none for calls to no route.
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  std::shared_ptr<LimitsState> state_;
  std::vector<std::unique_ptr<RateLimitStage>> by_connector_;
};

}  // namespace ndxp::metering
