#pragma once
// One gRPC call on the generic service: the streaming routes (server, client and bidirectional
// streaming), and calls to methods that are not routed. The call runs its route's chain, then the
// route's target drives it through this object's core::StreamPeer side: one read and one write at
// a time, so the target reads from one side only as fast as the other takes it. Deadlines are
// enforced with a timer, whether or not a message moves.
//
// Lifetime: the object deletes itself once gRPC is done with the call (OnDone), the target has
// finished with it (StreamPeer::Finish), and its timers have run or been cancelled.

#include <atomic>
#include <memory>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>
#include <grpcpp/alarm.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "gateway/core/call.h"
#include "gateway/core/peer_info.h"
#include "gateway/core/target.h"
#include "gateway/server/grpc/grpc_call_start.h"
#include "gateway/server/pipeline.h"

namespace ndxp::server {

class GrpcStreamCall final : public grpc::ServerGenericBidiReactor,
                             private core::CallObserver,
                             private core::StreamPeer,
                             private core::AnswerSink {
 public:
  GrpcStreamCall(grpc::GenericCallbackServerContext* ctx, const Pipeline& pipeline, bool tls);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // core::CallObserver
  void OnAdmitted() override;
  void OnRefused(const absl::Status& status) override;
  // core::StreamPeer
  void ReadRequest(core::Payload& into) override;
  void WriteResponse(core::Payload& response) override;
  void Finish(const absl::Status& status) override;
  void OnAnswerReleased(const absl::Status& replaced) override;

  // Sends the status unless the call is finished already; true when this call finished it.
  bool FinishCall(const absl::Status& status) ABSL_LOCKS_EXCLUDED(mu_);
  void ArmDeadline();
  void OnDeadline(bool fired);
  void OnGraceOver(bool fired);
  void Release();
  // The target once opened, for reactions that can come at any time (cancellation, the deadline).
  std::shared_ptr<core::TargetStream> Target() ABSL_LOCKS_EXCLUDED(mu_);

  grpc::GenericCallbackServerContext* ctx_;
  const core::Route* route_;  // nullptr: not routed
  GrpcRequestHeaders headers_;
  core::PeerInfo peer_;  // read when the port is TLS
  core::Call call_;
  core::Payload* reading_ = nullptr;
  // The target, for the reactions its own reads and writes cause (set before it starts any).
  core::TargetStream* driver_ = nullptr;
  // Holds on this object: gRPC (until OnDone), the chain (until it admits or refuses the call),
  // the target (until it Finishes), each armed timer.
  std::atomic<int> holds_{2};

  absl::Mutex mu_;
  std::shared_ptr<core::TargetStream> target_ ABSL_GUARDED_BY(mu_);
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  absl::StatusCode answered_ ABSL_GUARDED_BY(mu_) = absl::StatusCode::kUnknown;
  absl::Status target_status_;  // what the target finished with, while a stage holds it
  bool deadline_armed_ ABSL_GUARDED_BY(mu_) = false;
  bool grace_armed_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Alarm deadline_;
  grpc::Alarm grace_;
};

// The generic service: every call to a method no registered service claims comes here.
class GrpcGenericService final : public grpc::CallbackGenericService {
 public:
  // `tls`: the port is TLS, so each call reads its peer's certificate identity.
  GrpcGenericService(const Pipeline& pipeline, bool tls) : pipeline_(pipeline), tls_(tls) {}
  grpc::ServerGenericBidiReactor* CreateReactor(grpc::GenericCallbackServerContext* ctx) override {
    return new GrpcStreamCall(ctx, pipeline_, tls_);
  }

 private:
  const Pipeline& pipeline_;
  const bool tls_;
};

}  // namespace ndxp::server
