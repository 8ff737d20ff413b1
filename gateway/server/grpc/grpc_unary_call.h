#pragma once
// One unary gRPC call on a registered raw method (see grpc_unary_service.h): the request bytes
// through the route's chain of stages to its target and back, without holding a thread while an
// upstream answers. The call ends (metrics, access log) when gRPC reports it done, i.e. after the
// status was sent: what the duration metric promises.

#include <atomic>

#include <absl/status/status.h>
#include <google/protobuf/arena.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "gateway/core/call.h"
#include "gateway/core/payload.h"
#include "gateway/core/peer_info.h"
#include "gateway/core/target.h"
#include "gateway/server/grpc/grpc_call_start.h"
#include "gateway/server/pipeline.h"

namespace ndxp::server {

class GrpcUnaryCall final : public grpc::ServerUnaryReactor,
                            private core::CallObserver,
                            private core::UnaryCompletion,
                            private core::AnswerSink {
 public:
  // Deletes itself when gRPC is done with the call.
  static grpc::ServerUnaryReactor* Start(const Pipeline& pipeline, const core::Route& route,
                                         grpc::CallbackServerContext* ctx,
                                         const grpc::ByteBuffer* request,
                                         grpc::ByteBuffer* response, bool tls);

  void OnDone() override;
  void OnCancel() override { call_.CancelInFlight(); }
  // Our reactions are short and never block (bookkeeping, a cancellation): run them on gRPC's
  // thread instead of an executor hop (decision 0008 measured what the hop costs).
  bool InternalInlineable() override { return true; }

 private:
  GrpcUnaryCall(const Pipeline& pipeline, const core::Route& route,
                grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* request,
                grpc::ByteBuffer* response, bool tls);

  void OnAdmitted() override;
  void OnRefused(const absl::Status& status) override { Answer(status); }
  void OnUnaryDone(const absl::Status& status) override;
  void OnAnswerReleased(const absl::Status& replaced) override;
  void Answer(const absl::Status& status);

  const core::Route& route_;
  grpc::CallbackServerContext* ctx_;
  grpc::ByteBuffer* response_bytes_;
  GrpcRequestHeaders headers_;
  core::PeerInfo peer_;  // read when the port is TLS
  core::Call call_;
  absl::StatusCode answered_ = absl::StatusCode::kUnknown;
  absl::Status target_status_;  // what the target answered, while a stage holds the answer
  bool request_missing_ = false;
  alignas(16) char arena_block_[2048];
  google::protobuf::Arena arena_;
  core::Payload request_;
  core::Payload response_;
};

}  // namespace ndxp::server
