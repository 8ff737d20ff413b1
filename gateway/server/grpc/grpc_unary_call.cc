#include "gateway/server/grpc/grpc_unary_call.h"

#include "gateway/core/route_table.h"
#include "gateway/core/status.h"
#include "gateway/server/grpc/grpc_peer.h"

namespace ndxp::server {

grpc::ServerUnaryReactor* GrpcUnaryCall::Start(const Pipeline& pipeline, const core::Route& route,
                                               grpc::CallbackServerContext* ctx,
                                               const grpc::ByteBuffer* request,
                                               grpc::ByteBuffer* response, bool tls) {
  auto* call = new GrpcUnaryCall(pipeline, route, ctx, request, response, tls);
  call->call_.Start();
  return call;
}

GrpcUnaryCall::GrpcUnaryCall(const Pipeline& pipeline, const core::Route& route,
                             grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* request,
                             grpc::ByteBuffer* response, bool tls)
    : route_(route),
      ctx_(ctx),
      response_bytes_(response),
      headers_(*ctx),
      call_(pipeline.ChainFor(&route), *this, headers_),
      arena_(ArenaOnBlock(arena_block_, sizeof arena_block_)),
      request_(core::Payload::Direction::kRequest, route.request_prototype, &arena_),
      response_(core::Payload::Direction::kResponse, route.response_prototype, &arena_) {
  core::CallContext& context = call_.context();
  context.route = &route;
  BeginGrpcCall(*ctx, context);
  if (tls) {
    peer_ = PeerFromAuthContext(*ctx->auth_context());
    call_.set_peer(&peer_);
  }
  // gRPC hands a raw method an invalid buffer when the request message never came (the client
  // went away, or ended the stream without one).
  request_missing_ = !request->Valid();
  request_.ReceiveBytes() = *request;  // shares the slices
  context.bytes_in = request->Length();
}

void GrpcUnaryCall::OnAdmitted() {
  if (request_missing_) {
    return Answer(absl::InvalidArgumentError("the client sent no request message"));
  }
  route_.target->Unary(call_, request_, response_, *this);
}

void GrpcUnaryCall::OnUnaryDone(const absl::Status& status) {
  target_status_ = status;
  if (status.ok()) {
    auto bytes = response_.Bytes();
    if (bytes.ok()) {
      response_bytes_->Swap(*bytes);
      call_.context().bytes_out = response_bytes_->Length();
    } else {
      target_status_ = bytes.status();
    }
  }
  // A stage may keep the answer until something is durable (the audit record under strict).
  call_.HoldAnswer(target_status_.code(), *this);
}

void GrpcUnaryCall::OnAnswerReleased(const absl::Status& replaced) {
  if (replaced.ok()) return Answer(target_status_);
  // The response must not leave: a holding stage failed (the audit record could not be written).
  response_bytes_->Clear();
  call_.context().bytes_out = 0;
  Answer(replaced);
}

void GrpcUnaryCall::Answer(const absl::Status& status) {
  answered_ = status.code();
  AddResponseHeaders(*ctx_, call_);
  Finish(core::ToGrpcStatus(status));
}

void GrpcUnaryCall::OnDone() {
  call_.End(ctx_->IsCancelled() ? CancelledCallCode(call_.context()) : answered_);
  delete this;
}

}  // namespace ndxp::server
