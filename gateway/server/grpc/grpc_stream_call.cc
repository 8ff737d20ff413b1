#include "gateway/server/grpc/grpc_stream_call.h"
#include "gateway/server/grpc/grpc_peer.h"

#include <absl/time/clock.h>

#include "gateway/core/route_table.h"
#include "gateway/core/status.h"

namespace ndxp::server {
namespace {

// After the deadline's status is sent, a client that does not read may keep the call's last
// write (and so the call) pending; it is cancelled after this long.
constexpr absl::Duration kStalledFinishGrace = absl::Seconds(5);

}  // namespace

GrpcStreamCall::GrpcStreamCall(grpc::GenericCallbackServerContext* ctx, const Pipeline& pipeline,
                               bool tls)
    : ctx_(ctx),
      route_(pipeline.Find(ctx->method())),
      headers_(*ctx),
      call_(pipeline.ChainFor(route_), *this, headers_) {
  core::CallContext& context = call_.context();
  context.route = route_;
  BeginGrpcCall(*ctx, context);
  if (tls) {
    peer_ = PeerFromAuthContext(*ctx->auth_context());
    call_.set_peer(&peer_);
  }
  call_.Start();
}

void GrpcStreamCall::OnAdmitted() {
  if (route_->shape == core::CallShape::kUnary) {
    // Unary routes are registered methods of GrpcUnaryService and never reach the generic service.
    FinishCall(absl::InternalError("unary route reached the streaming handler"));
    return Release();  // the chain's hold
  }
  AddResponseHeaders(*ctx_, call_);
  holds_.fetch_add(1, std::memory_order_relaxed);  // the target's, until it Finishes
  std::shared_ptr<core::TargetStream> target = route_->target->OpenStream(call_, *this);
  driver_ = target.get();
  bool cancelled;
  {
    absl::MutexLock lock(&mu_);
    target_ = target;
    cancelled = finished_;  // cancelled while the chain ran
  }
  if (cancelled) {
    target->OnCancel();  // it reads nothing more and Finishes
  } else {
    ArmDeadline();
  }
  target->Start();
  Release();  // the chain's hold
}

void GrpcStreamCall::OnRefused(const absl::Status& status) {
  {
    // The headers a refusing stage asked for (a limit's retry-after) go with the status; under
    // the lock so that a cancellation's Finish cannot be reading the context meanwhile (it marks
    // the call finished under it first). Adding metadata is not a call into gRPC.
    absl::MutexLock lock(&mu_);
    if (!finished_) AddResponseHeaders(*ctx_, call_);
  }
  FinishCall(status);
  Release();  // the chain's hold
}

std::shared_ptr<core::TargetStream> GrpcStreamCall::Target() {
  absl::MutexLock lock(&mu_);
  return target_;
}

void GrpcStreamCall::ArmDeadline() {
  const absl::Time deadline = call_.context().deadline;
  if (deadline == absl::InfiniteFuture()) return;
  {
    absl::MutexLock lock(&mu_);
    if (finished_) return;
    deadline_armed_ = true;
  }
  holds_.fetch_add(1, std::memory_order_relaxed);
  deadline_.Set(absl::ToChronoTime(deadline), [this](bool fired) { OnDeadline(fired); });
}

void GrpcStreamCall::OnDeadline(bool fired) {
  if (fired && FinishCall(absl::DeadlineExceededError("deadline exceeded"))) {
    if (auto target = Target()) target->OnCancel();
    // A client that stopped reading keeps the call's last write pending: cut it after a grace.
    bool arm = false;
    {
      absl::MutexLock lock(&mu_);
      arm = !grace_armed_;
      grace_armed_ = true;
    }
    if (arm) {
      holds_.fetch_add(1, std::memory_order_relaxed);
      grace_.Set(absl::ToChronoTime(absl::Now() + kStalledFinishGrace),
                 [this](bool expired) { OnGraceOver(expired); });
    }
  }
  Release();
}

void GrpcStreamCall::OnGraceOver(bool expired) {
  if (expired) ctx_->TryCancel();
  Release();
}

bool GrpcStreamCall::FinishCall(const absl::Status& status) {
  bool cancel_deadline = false;
  {
    absl::MutexLock lock(&mu_);
    if (finished_) return false;
    finished_ = true;
    answered_ = status.code();
    cancel_deadline = deadline_armed_ && status.code() != absl::StatusCode::kDeadlineExceeded;
  }
  if (cancel_deadline) deadline_.Cancel();
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>::Finish(core::ToGrpcStatus(status));
  return true;
}

void GrpcStreamCall::ReadRequest(core::Payload& into) {
  reading_ = &into;
  StartRead(&into.ReceiveBytes());
}

void GrpcStreamCall::OnReadDone(bool ok) {
  if (ok) call_.context().bytes_in += reading_->ByteSize();
  driver_->OnRequestRead(ok);
}

void GrpcStreamCall::WriteResponse(core::Payload& response) {
  auto bytes = response.Bytes();
  if (!bytes.ok()) {
    // A response that cannot be serialized ends the call with the error, never a silent drop.
    FinishCall(bytes.status());
    return driver_->OnResponseWritten(false);
  }
  call_.context().bytes_out += (*bytes)->Length();
  StartWrite(*bytes);
}

void GrpcStreamCall::OnWriteDone(bool ok) { driver_->OnResponseWritten(ok); }

void GrpcStreamCall::Finish(const absl::Status& status) {
  // A stage may keep the status until something is durable (the audit record under strict).
  target_status_ = status;
  call_.HoldAnswer(status.code(), *this);
}

void GrpcStreamCall::OnAnswerReleased(const absl::Status& replaced) {
  FinishCall(replaced.ok() ? target_status_ : replaced);
  Release();  // the target's hold
}

void GrpcStreamCall::OnCancel() {
  call_.CancelInFlight();
  if (auto target = Target()) return target->OnCancel();
  // Cancelled before it reached a target (or refused already): it must still be finished.
  FinishCall(absl::CancelledError("the call was cancelled"));
}

void GrpcStreamCall::OnDone() {
  absl::StatusCode code;
  bool grace_armed;
  {
    absl::MutexLock lock(&mu_);
    code = answered_;
    grace_armed = grace_armed_;
  }
  if (code != absl::StatusCode::kDeadlineExceeded && ctx_->IsCancelled()) {
    code = CancelledCallCode(call_.context());
  }
  call_.End(code);
  if (grace_armed) grace_.Cancel();
  Release();  // gRPC's hold
}

void GrpcStreamCall::Release() {
  if (holds_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
}

}  // namespace ndxp::server
