#include "adapters/upstream/upstream_stream.h"

#include <utility>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>
#include <google/protobuf/arena.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/client_callback.h>

#include "adapters/upstream/outgoing_metadata.h"
#include "adapters/upstream/upstream_status.h"
#include "gateway/core/status.h"

namespace ndxp::adapters {
namespace {

using core::Payload;

// The two directions, each a small state machine moved under mu_. Every gRPC and peer operation
// starts outside the lock (completions may run inline or on another thread).
//
// Each direction holds one gRPC "hold" on the upstream call while it may still start an upstream
// operation (a write, WritesDone, a read); gRPC calls OnDone only once both are released and no
// operation is outstanding. A direction releases its hold when it closes, so OnDone comes after
// the last upstream operation and, since the reading side closes only with no write to the caller
// outstanding, OnDone can finish the caller's call at once.
class UpstreamStream final : public core::TargetStream,
                             public core::Cancellable,
                             public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                             public std::enable_shared_from_this<UpstreamStream> {
 public:
  UpstreamStream(const UpstreamMethod& method, UpstreamEndpoint& endpoint, core::Call& call,
                 core::StreamPeer& peer)
      : method_(method),
        endpoint_(endpoint),
        call_(call),
        peer_(peer),
        request_(Payload::Direction::kRequest, method.request_prototype, &arena_),
        response_(Payload::Direction::kResponse, method.response_prototype, &arena_) {}

  // core::TargetStream: the caller's side.
  void Start() override;
  void OnRequestRead(bool ok) override;
  void OnResponseWritten(bool ok) override;
  void OnCancel() override;
  // core::Cancellable: the listener's Call::CancelInFlight, the same as OnCancel.
  void Cancel() override { OnCancel(); }

  // grpc::ClientBidiReactor: the upstream's side.
  void OnWriteDone(bool ok) override;
  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

 private:
  // Caller -> upstream.
  enum class Writes { kIdle, kReadingCaller, kWritingUpstream, kClosed };
  // Upstream -> caller.
  enum class Reads { kIdle, kReadingUpstream, kWritingCaller, kClosed };

  // What to do once the lock is released.
  struct Steps {
    bool read_caller = false;
    bool write_upstream = false;
    bool half_close = false;
    bool read_upstream = false;
    bool write_caller = false;
    bool cancel = false;
    int release = 0;  // holds to release
  };

  void Run(const Steps& steps);
  void ForwardRequest();
  // The call is ending: no more messages either way. The first error given is the caller's.
  void EndLocked(absl::Status error, Steps& steps) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Asks Run to read the caller's next message, holding the call open until it has asked.
  void ReadCallerLocked(Steps& steps) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Closes the caller->upstream side if it waits on the caller (its hold is released).
  void CloseWritesIfReadingLocked(Steps& steps) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool ending() {
    absl::MutexLock lock(&mu_);
    return ending_;
  }

  const UpstreamMethod& method_;
  UpstreamEndpoint& endpoint_;
  core::Call& call_;
  core::StreamPeer& peer_;
  grpc::ClientContext context_;
  google::protobuf::Arena arena_;
  Payload request_;   // the caller's message being forwarded
  Payload response_;  // the upstream's message being forwarded

  absl::Mutex mu_;
  Writes writes_ ABSL_GUARDED_BY(mu_) = Writes::kIdle;
  Reads reads_ ABSL_GUARDED_BY(mu_) = Reads::kIdle;
  bool ending_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status error_ ABSL_GUARDED_BY(mu_);  // ours, when not the upstream's status
  // Keeps this alive from Start until the upstream's OnDone.
  std::shared_ptr<UpstreamStream> self_;
};

void UpstreamStream::Start() {
  self_ = shared_from_this();
  call_.SetInFlight(self_);
  PrepareUpstreamContext(call_.context(), method_.full_method, method_.identity, context_);
  endpoint_.NextStub().PrepareBidiStreamingCall(&context_, method_.full_method,
                                                grpc::StubOptions(), this);
  endpoint_.CallStarted();
  AddMultipleHolds(2);  // one per direction
  StartRead(&response_.ReceiveBytes());
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    reads_ = Reads::kReadingUpstream;
    writes_ = Writes::kReadingCaller;
    if (ending_) {
      CloseWritesIfReadingLocked(steps);  // cancelled before it started
    } else {
      ReadCallerLocked(steps);
    }
  }
  StartCall();
  Run(steps);
}

void UpstreamStream::OnRequestRead(bool ok) {
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    if (writes_ != Writes::kReadingCaller) return;  // closed meanwhile: the call is ending
    if (ok && !ending_) {
      writes_ = Writes::kWritingUpstream;
      steps.write_upstream = true;
    } else {
      writes_ = Writes::kClosed;
      steps.half_close = !ok && !ending_;  // the caller sent its last message
      ++steps.release;
    }
  }
  Run(steps);
}

// Shows the caller's message to the chain, then writes its bytes upstream.
void UpstreamStream::ForwardRequest() {
  absl::Status status = call_.InspectRequest(request_);
  absl::StatusOr<grpc::ByteBuffer*> bytes =
      status.ok() ? request_.Bytes() : absl::StatusOr<grpc::ByteBuffer*>(status);
  if (bytes.ok()) return StartWrite(*bytes);
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    writes_ = Writes::kClosed;
    ++steps.release;
    EndLocked(bytes.status(), steps);
  }
  Run(steps);
}

void UpstreamStream::OnWriteDone(bool ok) {
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    if (ok && !ending_) {
      writes_ = Writes::kReadingCaller;
      ReadCallerLocked(steps);
    } else {
      writes_ = Writes::kClosed;  // !ok: the upstream call is over; its status comes in OnDone
      ++steps.release;
    }
  }
  Run(steps);
}

void UpstreamStream::OnReadDone(bool ok) {
  absl::Status inspected;
  if (ok && !ending()) inspected = call_.InspectResponse(response_);
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    if (ok && !ending_ && inspected.ok()) {
      reads_ = Reads::kWritingCaller;
      steps.write_caller = true;
    } else {
      reads_ = Reads::kClosed;
      ++steps.release;
      // !ok: the upstream has sent its status; nothing more goes either way.
      EndLocked(inspected, steps);
    }
  }
  Run(steps);
}

void UpstreamStream::OnResponseWritten(bool ok) {
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    if (ok && !ending_) {
      reads_ = Reads::kReadingUpstream;
      steps.read_upstream = true;
    } else {
      reads_ = Reads::kClosed;
      ++steps.release;
      if (!ok) EndLocked(absl::CancelledError("the caller went away"), steps);
    }
  }
  Run(steps);
}

void UpstreamStream::OnCancel() {
  Steps steps;
  {
    absl::MutexLock lock(&mu_);
    EndLocked(absl::CancelledError("the caller cancelled the call"), steps);
  }
  Run(steps);
}

void UpstreamStream::OnDone(const grpc::Status& status) {
  endpoint_.CallEnded(static_cast<absl::StatusCode>(status.error_code()));
  absl::Status result;
  {
    absl::MutexLock lock(&mu_);
    result = error_.ok() ? UpstreamCallStatus(status, context_, method_.full_method) : error_;
  }
  // Both directions are closed: no write to the caller is outstanding, and none will start.
  // Let go first (as in upstream_unary.cc): the listener's reference is then the last, and the
  // stream with its ClientContext goes on the listener's side.
  core::StreamPeer& peer = peer_;
  self_.reset();  // destroys this only if the listener has let go already
  peer.Finish(result);
}

void UpstreamStream::EndLocked(absl::Status error, Steps& steps) {
  if (!error.ok() && error_.ok()) {
    error_ = std::move(error);
    steps.cancel = true;  // our error ends the upstream call too
  }
  ending_ = true;
  CloseWritesIfReadingLocked(steps);
}

void UpstreamStream::ReadCallerLocked(Steps& steps) {
  // A cancel may close the writes and end the call once the lock is released; the hold keeps
  // OnDone (and so the peer's Finish) from running before the read below has been asked for.
  AddHold();
  steps.read_caller = true;
}

void UpstreamStream::CloseWritesIfReadingLocked(Steps& steps) {
  if (writes_ != Writes::kReadingCaller) return;  // busy writing: OnWriteDone closes it
  writes_ = Writes::kClosed;
  ++steps.release;
}

void UpstreamStream::Run(const Steps& steps) {
  if (steps.cancel) context_.TryCancel();
  if (steps.read_caller) {
    peer_.ReadRequest(request_);
    RemoveHold();  // taken by ReadCallerLocked
  }
  if (steps.write_upstream) ForwardRequest();
  if (steps.half_close) StartWritesDone();
  if (steps.read_upstream) StartRead(&response_.ReceiveBytes());
  if (steps.write_caller) peer_.WriteResponse(response_);
  for (int i = 0; i < steps.release; ++i) RemoveHold();
}

class RefusedStream final : public core::TargetStream {
 public:
  RefusedStream(core::StreamPeer& peer, absl::Status status)
      : peer_(peer), status_(std::move(status)) {}
  void Start() override { peer_.Finish(status_); }
  void OnRequestRead(bool) override {}
  void OnResponseWritten(bool) override {}
  void OnCancel() override {}

 private:
  core::StreamPeer& peer_;
  const absl::Status status_;
};

}  // namespace

std::shared_ptr<core::TargetStream> MakeUpstreamStream(const UpstreamMethod& method,
                                                       UpstreamEndpoint& endpoint,
                                                       core::Call& call, core::StreamPeer& peer) {
  return std::make_shared<UpstreamStream>(method, endpoint, call, peer);
}

std::shared_ptr<core::TargetStream> MakeRefusedStream(core::StreamPeer& peer, absl::Status status) {
  return std::make_shared<RefusedStream>(peer, std::move(status));
}

}  // namespace ndxp::adapters
