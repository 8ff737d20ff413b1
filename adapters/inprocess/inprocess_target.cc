#include "adapters/inprocess/inprocess_target.h"

#include "adapters/inprocess/handler_guard.h"
#include "adapters/inprocess/inprocess_streams.h"
#include "gateway/core/call.h"
#include "gateway/core/route_table.h"

namespace ndxp::adapters {

void InProcessTarget::Unary(core::Call& call, core::Payload& request, core::Payload& response,
                            core::UnaryCompletion& done) {
  if (absl::Status s = call.InspectRequest(request); !s.ok()) return done.OnUnaryDone(s);
  auto message = request.Message();
  if (!message.ok()) return done.OnUnaryDone(message.status());
  google::protobuf::Message& out = response.NewMessage();
  const core::CallContext& context = call.context();
  absl::Status status = Guarded(context.route->full_method, context.request_id,
                                [&] { return handler_.unary(context, **message, out); });
  if (status.ok()) status = call.InspectResponse(response);
  done.OnUnaryDone(status);
}

std::shared_ptr<core::TargetStream> InProcessTarget::OpenStream(core::Call& call,
                                                                core::StreamPeer& peer) {
  if (handler_.server_stream) return MakeServerStreamCall(handler_, call, peer);
  return MakeRequestStreamCall(handler_, call, peer);
}

}  // namespace ndxp::adapters
