#pragma once
// The last stage of the chain for calls to a method that is not routed: once the caller is
// identified (earlier stages), it answers UNIMPLEMENTED. Routed calls never see it.

#include "gateway/core/call.h"
#include "gateway/core/stage.h"

namespace ndxp::stages {

class NoRouteStage final : public core::Stage {
 public:
  std::string_view name() const override { return "no_route"; }
  core::Verdict OnRequest(core::Call& call) override;
};

class NoRouteStageFactory final : public core::StageFactory {
 public:
  std::string_view name() const override { return stage_.name(); }
  core::Stage* ForRoute(const core::Route* route) override {
    return route == nullptr ? &stage_ : nullptr;
  }

 private:
  NoRouteStage stage_;
};

}  // namespace ndxp::stages
