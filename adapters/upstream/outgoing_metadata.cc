#include "adapters/upstream/outgoing_metadata.h"

#include <string>

#include <absl/time/clock.h>

namespace ndxp::adapters {

void PrepareUpstreamContext(const core::CallContext& call, std::string_view full_method,
                            const OutgoingIdentity* identity, grpc::ClientContext& context) {
  if (call.deadline != absl::InfiniteFuture()) {
    context.set_deadline(absl::ToChronoTime(call.deadline));
  }
  context.set_wait_for_ready(false);
  if (!call.request_id.empty()) {
    context.AddMetadata(std::string(kRequestIdHeader), call.request_id);
  }
  if (!call.trace.empty()) {
    context.AddMetadata(std::string(core::kTraceparentHeader), call.trace.OutgoingTraceparent());
    if (!call.trace.tracestate().empty()) {
      context.AddMetadata(std::string(core::kTracestateHeader), call.trace.tracestate());
    }
  }
  if (identity != nullptr) identity->AddTo(call, full_method, context);
}

}  // namespace ndxp::adapters
