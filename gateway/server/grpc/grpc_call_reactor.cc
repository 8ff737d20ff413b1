#include "gateway/server/grpc/grpc_call_reactor.h"

#include "gateway/core/status.h"
#include "gateway/server/grpc/grpc_call_start.h"

namespace ndxp::server {
namespace {

// A client that stops reading may make us queue at most this many responses before we stop
// reading its requests (back-pressure instead of unbounded memory).
constexpr std::size_t kMaxQueuedWrites = 64;

}  // namespace

GrpcCallReactor::GrpcCallReactor(grpc::GenericCallbackServerContext* ctx, CallPipeline& pipeline,
                                 const InputLimits& limits)
    : ctx_(ctx),
      pipeline_(pipeline),
      limits_(limits),
      arena_(ArenaOnBlock(arena_block_, sizeof arena_block_)) {
  Start();
}

void GrpcCallReactor::Start() {
  StartGrpcCall(*ctx_, record_);
  absl::Status admitted = pipeline_.Admit(record_, ctx_->method(), ApiKeyOf(*ctx_));
  if (!admitted.ok()) return FinishWith(admitted);

  const core::Route& route = *record_.route;
  if (route.shape == core::CallShape::kUnary) {
    // Unary routes are registered methods of GrpcUnaryService and never reach the generic service.
    return FinishWith(absl::InternalError("unary route reached the streaming handler"));
  }
  call_context_.client_id = record_.client->id;
  call_context_.request_id = record_.request_id;
  call_context_.deadline = limits_.EffectiveDeadline(absl::Now(), CallerDeadline(*ctx_), false);
  request_ = route.request_prototype->New(&arena_);
  if (route.shape == core::CallShape::kClientStreaming ||
      route.shape == core::CallShape::kBidiStreaming) {
    auto stream = route.handler.request_stream(call_context_);
    if (!stream.ok()) return FinishWith(stream.status());
    request_stream_ = std::move(*stream);
  }
  StartRead(&request_buf_);
}

void GrpcCallReactor::OnReadDone(bool ok) {
  if (record_.route->shape == core::CallShape::kServerStreaming) {
    if (!ok) return FinishWith(absl::InvalidArgumentError("the client sent no request message"));
    return HandleServerStreamStart();
  }
  return ok ? HandleStreamMessage() : HandleHalfClose();
}

bool GrpcCallReactor::ParseRequest(google::protobuf::Message& into) {
  record_.bytes_in += request_buf_.Length();
  absl::Status status = ParseGrpcRequest(request_buf_, into);
  if (status.ok()) return true;
  if (request_stream_) {
    absl::MutexLock lock(&mu_);
    pending_finish_ = status;
  } else {
    FinishWith(status);
  }
  return false;
}

bool GrpcCallReactor::DeadlinePassed() { return absl::Now() > call_context_.deadline; }

void GrpcCallReactor::HandleServerStreamStart() {
  if (!ParseRequest(*request_)) return;
  auto stream = record_.route->handler.server_stream(call_context_, *request_);
  if (!stream.ok()) return FinishWith(stream.status());
  response_stream_ = std::move(*stream);
  response_ = record_.route->response_prototype->New(&arena_);
  WriteNextFromStream();
}

void GrpcCallReactor::WriteNextFromStream() {
  if (ctx_->IsCancelled()) return FinishWith(absl::CancelledError("the client cancelled the call"));
  if (DeadlinePassed()) return FinishWith(absl::DeadlineExceededError("deadline exceeded"));
  response_->Clear();
  absl::StatusOr<bool> more = response_stream_->Next(*response_);
  if (!more.ok()) return FinishWith(more.status());
  if (!*more) return FinishWith(absl::OkStatus());
  response_buf_.Clear();  // the previous message's buffer, written already
  if (absl::Status done = SerializeGrpcResponse(*response_, response_buf_); !done.ok()) {
    return FinishWith(done);
  }
  record_.bytes_out += response_buf_.Length();
  StartWrite(&response_buf_);
}

void GrpcCallReactor::HandleStreamMessage() {
  if (Ending()) return PumpWrites();
  if (!ParseRequest(*request_)) return PumpWrites();
  absl::Status status = DeadlinePassed() ? absl::DeadlineExceededError("deadline exceeded")
                                         : request_stream_->OnRequest(*request_, *this);
  bool read_more = false;
  {
    absl::MutexLock lock(&mu_);
    if (!status.ok()) {
      pending_finish_ = status;
    } else if (write_queue_.size() >= kMaxQueuedWrites) {
      read_paused_ = true;
    } else {
      read_more = true;
    }
  }
  PumpWrites();
  if (read_more) StartRead(&request_buf_);
}

void GrpcCallReactor::HandleHalfClose() {
  {
    absl::MutexLock lock(&mu_);
    reads_done_ = true;
  }
  if (Ending()) return PumpWrites();
  absl::Status status = request_stream_->OnHalfClose(*this);
  {
    absl::MutexLock lock(&mu_);
    pending_finish_ = status;
  }
  PumpWrites();
}

// True once the call is finished or has a final status waiting. PumpWrites takes mu_ itself, so
// callers test this and then call it without holding the lock.
bool GrpcCallReactor::Ending() {
  absl::MutexLock lock(&mu_);
  return finished_ || pending_finish_.has_value();
}

void GrpcCallReactor::Emit(const google::protobuf::Message& response) {
  grpc::ByteBuffer buffer;
  if (!SerializeGrpcResponse(response, buffer).ok()) return;
  absl::MutexLock lock(&mu_);
  record_.bytes_out += buffer.Length();
  write_queue_.push_back(std::move(buffer));
}

// Starts the next queued write, or finishes the call once nothing is left to write.
void GrpcCallReactor::PumpWrites() {
  grpc::ByteBuffer* next = nullptr;
  absl::Status finish_status;
  {
    absl::MutexLock lock(&mu_);
    if (finished_ || writing_) return;
    bool failing = pending_finish_ && !pending_finish_->ok();
    if (!write_queue_.empty() && !failing) {
      writing_ = true;
      next = &write_queue_.front();
    } else if (pending_finish_) {
      finished_ = true;
      finish_status = *pending_finish_;
    } else {
      return;
    }
  }
  if (next != nullptr) return StartWrite(next);
  FinishWith(finish_status);
}

void GrpcCallReactor::OnWriteDone(bool ok) {
  if (!request_stream_) {  // server streaming
    if (!ok) return FinishWith(absl::CancelledError("the client went away"));
    return WriteNextFromStream();
  }
  bool resume_reading = false;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    write_queue_.pop_front();
    if (!ok) {
      write_queue_.clear();
      if (!pending_finish_ || pending_finish_->ok()) {
        pending_finish_ = absl::CancelledError("the client went away");
      }
    } else if (read_paused_ && write_queue_.size() < kMaxQueuedWrites / 2 && !pending_finish_) {
      read_paused_ = false;
      resume_reading = true;
    }
  }
  if (resume_reading) StartRead(&request_buf_);
  PumpWrites();
}

void GrpcCallReactor::FinishWith(const absl::Status& status) {
  final_code_ = status.code();
  Finish(core::ToGrpcStatus(status));
}

void GrpcCallReactor::OnDone() {
  pipeline_.Finish(record_, final_code_);
  delete this;
}

}  // namespace ndxp::server
