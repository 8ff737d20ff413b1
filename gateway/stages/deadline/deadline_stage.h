#pragma once
// The deadline stage (limits.default_deadline, limits.max_deadline, upstreams[].timeout): the
// deadline a call runs under is the caller's own, shortened to max_deadline and to the route's
// timeout; a unary call without one gets default_deadline, a streaming call max_deadline. A call
// whose deadline has passed already is DEADLINE_EXCEEDED before it reaches its target. The
// listeners enforce the result (a timer for streams, the upstream call's own deadline).

#include <memory>
#include <string>
#include <vector>

#include <absl/container/flat_hash_map.h>
#include <absl/time/time.h>

#include "gateway/core/call.h"
#include "gateway/core/route_table.h"
#include "gateway/core/stage.h"
#include "ndxp/gateway/v1/config.pb.h"

namespace ndxp::stages {

struct DeadlineLimits {
  absl::Duration default_deadline = absl::Seconds(30);
  absl::Duration max_deadline = absl::Seconds(300);
  absl::Duration route_timeout = absl::ZeroDuration();  // zero: none
};

// The deadline for a call arriving at `now` with the caller's deadline `requested`
// (InfiniteFuture: none). Pure.
absl::Time EffectiveDeadline(const DeadlineLimits& limits, absl::Time now, absl::Time requested,
                             bool unary);

class DeadlineStage final : public core::Stage {
 public:
  explicit DeadlineStage(DeadlineLimits limits) : limits_(limits) {}
  std::string_view name() const override { return "deadline"; }
  core::Verdict OnRequest(core::Call& call) override;

 private:
  const DeadlineLimits limits_;
};

class DeadlineStageFactory final : public core::StageFactory {
 public:
  // `route_timeouts`: service full name -> its upstream's timeout.
  DeadlineStageFactory(const gateway::v1::Limits& limits,
                       absl::flat_hash_map<std::string, absl::Duration> route_timeouts);
  std::string_view name() const override { return "deadline"; }
  core::Stage* ForRoute(const core::Route* route) override;

 private:
  DeadlineLimits defaults_;
  absl::flat_hash_map<std::string, absl::Duration> route_timeouts_;
  DeadlineStage shared_;
  std::vector<std::unique_ptr<DeadlineStage>> with_timeout_;
};

}  // namespace ndxp::stages
