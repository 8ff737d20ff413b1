#include "gateway/stages/access_log/access_log_stage.h"

#include <absl/time/clock.h>

namespace ndxp::stages {

void AccessLogStage::OnEnd(const core::Call& call, bool) {
  const core::CallContext& context = call.context();
  writer_.Write(AccessLogEntry{.time = absl::Now(),
                               .request_id = context.request_id,
                               .trace_id = context.trace.trace_id(),
                               .span_id = context.trace.span_id(),
                               .protocol = core::ProtocolName(context.protocol),
                               .client = context.client_id(),
                               .credential = context.credential,
                               .method = method_,
                               .connector = connector_,
                               .status = core::CodeName(context.code),
                               .http_status = context.http_status,
                               .duration_seconds = context.seconds(),
                               .bytes_in = context.bytes_in,
                               .bytes_out = context.bytes_out});
}

core::Stage* AccessLogStageFactory::ForRoute(const core::Route* route) {
  if (!writer_.enabled()) return nullptr;
  stages_.push_back(std::make_unique<AccessLogStage>(
      writer_, route ? route->full_method : std::string("unknown"),
      route ? route->connector_name : std::string()));
  return stages_.back().get();
}

}  // namespace ndxp::stages
