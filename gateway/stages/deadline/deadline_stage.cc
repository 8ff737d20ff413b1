#include "gateway/stages/deadline/deadline_stage.h"

#include <absl/time/clock.h>

#include "gateway/core/status.h"

namespace ndxp::stages {
namespace {

absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

DeadlineLimits LimitsFrom(const gateway::v1::Limits& limits) {
  DeadlineLimits out;
  if (limits.has_default_deadline()) out.default_deadline = FromProto(limits.default_deadline());
  if (limits.has_max_deadline()) out.max_deadline = FromProto(limits.max_deadline());
  return out;
}

}  // namespace

absl::Time EffectiveDeadline(const DeadlineLimits& limits, absl::Time now, absl::Time requested,
                             bool unary) {
  absl::Time latest = now + limits.max_deadline;
  if (limits.route_timeout > absl::ZeroDuration()) {
    latest = std::min(latest, now + limits.route_timeout);
  }
  if (requested == absl::InfiniteFuture()) {
    return unary ? std::min(latest, now + limits.default_deadline) : latest;
  }
  return std::min(requested, latest);
}

core::Verdict DeadlineStage::OnRequest(core::Call& call) {
  core::CallContext& context = call.context();
  const absl::Time now = absl::Now();
  if (context.caller_deadline <= now) {
    return core::Verdict::Stop(absl::DeadlineExceededError("deadline exceeded before the call started"));
  }
  const bool unary = context.route == nullptr || context.route->shape == core::CallShape::kUnary;
  context.deadline = EffectiveDeadline(limits_, now, context.caller_deadline, unary);
  return core::Verdict::Continue();
}

DeadlineStageFactory::DeadlineStageFactory(
    const gateway::v1::Limits& limits,
    absl::flat_hash_map<std::string, absl::Duration> route_timeouts)
    : defaults_(LimitsFrom(limits)),
      route_timeouts_(std::move(route_timeouts)),
      shared_(defaults_) {}

core::Stage* DeadlineStageFactory::ForRoute(const core::Route* route) {
  if (route == nullptr) return &shared_;
  auto it = route_timeouts_.find(route->service_name);
  if (it == route_timeouts_.end() || it->second <= absl::ZeroDuration()) return &shared_;
  DeadlineLimits limits = defaults_;
  limits.route_timeout = it->second;
  with_timeout_.push_back(std::make_unique<DeadlineStage>(limits));
  return with_timeout_.back().get();
}

}  // namespace ndxp::stages
