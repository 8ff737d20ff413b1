#pragma once
// One gRPC call on the generic service: a single reactor type drives the streaming call shapes
// (server, client and bidi streaming), and answers calls to unknown methods, through the
// CallPipeline. Bytes in, bytes out; the in-process connector's handler sees parsed messages.
// Unary routes are registered methods (grpc_unary_service.h), served inline.

#include <deque>
#include <memory>
#include <string>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>
#include <google/protobuf/arena.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "gateway/server/call_pipeline.h"
#include "gateway/server/limits.h"

namespace ndxp::server {

class GrpcCallReactor final : public grpc::ServerGenericBidiReactor, private core::Emitter {
 public:
  GrpcCallReactor(grpc::GenericCallbackServerContext* ctx, CallPipeline& pipeline,
                  const InputLimits& limits);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnDone() override;
  void OnCancel() override {}

 private:
  void Start();
  void HandleServerStreamStart();
  void HandleStreamMessage();
  void HandleHalfClose();
  void WriteNextFromStream();
  void Emit(const google::protobuf::Message& response) override;
  void PumpWrites() ABSL_LOCKS_EXCLUDED(mu_);
  bool Ending() ABSL_LOCKS_EXCLUDED(mu_);
  void FinishWith(const absl::Status& status);
  bool ParseRequest(google::protobuf::Message& into);
  bool DeadlinePassed();

  grpc::GenericCallbackServerContext* ctx_;
  CallPipeline& pipeline_;
  const InputLimits& limits_;
  CallRecord record_;
  core::CallContext call_context_;
  // What the call ended with; a call gRPC ends without our Finish (the client went away, or the
  // listener shut down at the drain deadline) was cancelled.
  absl::StatusCode final_code_ = absl::StatusCode::kCancelled;

  grpc::ByteBuffer request_buf_;
  grpc::ByteBuffer response_buf_;
  // Request and response messages live on an arena whose first block is part of this object, so
  // a typical lookup allocates nothing beyond the reactor itself.
  alignas(16) char arena_block_[2048];
  google::protobuf::Arena arena_;
  google::protobuf::Message* request_ = nullptr;   // on arena_
  google::protobuf::Message* response_ = nullptr;  // on arena_ (server streaming)
  std::unique_ptr<core::ResponseStream> response_stream_;
  std::unique_ptr<core::RequestStream> request_stream_;

  // Client- and bidi-streaming state: OnReadDone and OnWriteDone may run at the same time.
  absl::Mutex mu_;
  std::deque<grpc::ByteBuffer> write_queue_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool read_paused_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<absl::Status> pending_finish_ ABSL_GUARDED_BY(mu_);
};

// The generic service: every call to a method no named service claims comes here.
class GrpcGenericService final : public grpc::CallbackGenericService {
 public:
  GrpcGenericService(CallPipeline& pipeline, const InputLimits& limits)
      : pipeline_(pipeline), limits_(limits) {}
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override {
    return new GrpcCallReactor(ctx, pipeline_, limits_);
  }

 private:
  CallPipeline& pipeline_;
  const InputLimits& limits_;
};

}  // namespace ndxp::server
