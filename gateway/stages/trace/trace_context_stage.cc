#include "gateway/stages/trace/trace_context_stage.h"

#include "gateway/core/trace_context.h"

namespace ndxp::stages {

core::Verdict TraceContextStage::OnRequest(core::Call& call) {
  const core::RequestHeaders& headers = call.headers();
  call.context().trace = core::TraceContext::From(headers.Get(core::kTraceparentHeader),
                                                  headers.Get(core::kTracestateHeader));
  return core::Verdict::Continue();
}

}  // namespace ndxp::stages
