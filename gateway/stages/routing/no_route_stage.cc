#include "gateway/stages/routing/no_route_stage.h"

#include "gateway/core/status.h"

namespace ndxp::stages {

core::Verdict NoRouteStage::OnRequest(core::Call&) {
  return core::Verdict::Stop(core::ErrorWithReason(
      absl::StatusCode::kUnimplemented, "unknown method: no route for this service and method",
      "METHOD_NOT_FOUND"));
}

}  // namespace ndxp::stages
