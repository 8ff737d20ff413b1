#pragma once
// The trace context stage: takes the caller's W3C traceparent/tracestate or starts a trace, and
// gives the call its own span id (passed on to upstreams, written to the access log).

#include "gateway/core/call.h"
#include "gateway/core/stage.h"

namespace ndxp::stages {

class TraceContextStage final : public core::Stage {
 public:
  std::string_view name() const override { return "trace_context"; }
  core::Verdict OnRequest(core::Call& call) override;
};

class TraceContextStageFactory final : public core::StageFactory {
 public:
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route*) override { return &stage_; }

 private:
  TraceContextStage stage_;
};

}  // namespace ndxp::stages
