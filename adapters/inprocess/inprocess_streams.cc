#include "adapters/inprocess/inprocess_streams.h"

#include <atomic>

#include <google/protobuf/arena.h>

#include "adapters/inprocess/handler_guard.h"
#include "gateway/core/route_table.h"

namespace ndxp::adapters {
namespace {

using core::Payload;

// What both stream kinds share: the call, the peer, one request and one response payload on the
// stream's own arena (each message object reused for every message), and finishing once.
class StreamCallBase : public core::TargetStream {
 protected:
  StreamCallBase(core::Call& call, core::StreamPeer& peer)
      : call_(call),
        peer_(peer),
        request_(Payload::Direction::kRequest, call.context().route->request_prototype, &arena_),
        response_(Payload::Direction::kResponse, call.context().route->response_prototype,
                  &arena_) {}

  void OnCancel() override { cancelled_.store(true, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  void Finish(const absl::Status& status) {
    if (finished_) return;
    finished_ = true;
    peer_.Finish(status);
  }
  std::string_view method() const { return call_.context().route->full_method; }
  std::string_view request_id() const { return call_.context().request_id; }

  // The request just read, inspected by the chain and parsed; nullptr after finishing with the
  // error.
  const google::protobuf::Message* ReadMessage() {
    if (absl::Status s = call_.InspectRequest(request_); !s.ok()) {
      Finish(s);
      return nullptr;
    }
    auto message = request_.Message();
    if (!message.ok()) {
      Finish(message.status());
      return nullptr;
    }
    return *message;
  }

  core::Call& call_;
  core::StreamPeer& peer_;
  google::protobuf::Arena arena_;
  Payload request_;
  Payload response_;

 private:
  std::atomic<bool> cancelled_{false};
  bool finished_ = false;
};

class ServerStreamCall final : public StreamCallBase {
 public:
  ServerStreamCall(const core::MethodHandler& handler, core::Call& call, core::StreamPeer& peer)
      : StreamCallBase(call, peer), handler_(handler) {}

  void Start() override { peer_.ReadRequest(request_); }

  void OnRequestRead(bool ok) override {
    if (stream_ != nullptr) return;  // reads past the one request are never asked for
    if (!ok) return Finish(absl::InvalidArgumentError("the client sent no request message"));
    const google::protobuf::Message* request = ReadMessage();
    if (request == nullptr) return;
    auto stream = Guarded(method(), request_id(),
                          [&] { return handler_.server_stream(call_.context(), *request); });
    if (!stream.ok()) return Finish(stream.status());
    stream_ = *std::move(stream);
    WriteNext();
  }

  void OnResponseWritten(bool ok) override {
    if (!ok) return Finish(absl::CancelledError("the client went away"));
    WriteNext();
  }

 private:
  void WriteNext() {
    if (cancelled()) return Finish(absl::CancelledError("the call was cancelled"));
    google::protobuf::Message& out = response_.NewMessage();
    absl::StatusOr<bool> more = Guarded(method(), request_id(), [&] { return stream_->Next(out); });
    if (!more.ok()) return Finish(more.status());
    if (!*more) return Finish(absl::OkStatus());
    if (absl::Status s = call_.InspectResponse(response_); !s.ok()) return Finish(s);
    peer_.WriteResponse(response_);
  }

  const core::MethodHandler& handler_;
  std::unique_ptr<core::ResponseStream> stream_;
};

class RequestStreamCall final : public StreamCallBase {
 public:
  RequestStreamCall(const core::MethodHandler& handler, core::Call& call, core::StreamPeer& peer)
      : StreamCallBase(call, peer), handler_(handler) {}

  void Start() override {
    auto stream = Guarded(method(), request_id(),
                          [&] { return handler_.request_stream(call_.context()); });
    if (!stream.ok()) return Finish(stream.status());
    stream_ = *std::move(stream);
    peer_.ReadRequest(request_);
  }

  void OnRequestRead(bool ok) override {
    absl::Status status;
    if (!ok) {
      half_closed_ = true;
      status = Guarded(method(), request_id(), [&] { return stream_->OnHalfClose(); });
    } else {
      const google::protobuf::Message* request = ReadMessage();
      if (request == nullptr) return;
      status = Guarded(method(), request_id(), [&] { return stream_->OnRequest(*request); });
    }
    if (!status.ok()) return Finish(status);
    Pull();
  }

  void OnResponseWritten(bool ok) override {
    if (!ok) return Finish(absl::CancelledError("the client went away"));
    Pull();
  }

 private:
  // Writes the next ready response; when none is ready, reads the next request, or ends the call
  // once the client has sent its last.
  void Pull() {
    if (cancelled()) return Finish(absl::CancelledError("the call was cancelled"));
    google::protobuf::Message& out = response_.NewMessage();
    absl::StatusOr<bool> more = Guarded(method(), request_id(), [&] { return stream_->Next(out); });
    if (!more.ok()) return Finish(more.status());
    if (*more) {
      if (absl::Status s = call_.InspectResponse(response_); !s.ok()) return Finish(s);
      return peer_.WriteResponse(response_);
    }
    if (half_closed_) return Finish(absl::OkStatus());
    peer_.ReadRequest(request_);
  }

  const core::MethodHandler& handler_;
  std::unique_ptr<core::RequestStream> stream_;
  bool half_closed_ = false;
};

}  // namespace

std::shared_ptr<core::TargetStream> MakeServerStreamCall(const core::MethodHandler& handler,
                                                         core::Call& call, core::StreamPeer& peer) {
  return std::make_shared<ServerStreamCall>(handler, call, peer);
}

std::shared_ptr<core::TargetStream> MakeRequestStreamCall(const core::MethodHandler& handler,
                                                          core::Call& call,
                                                          core::StreamPeer& peer) {
  return std::make_shared<RequestStreamCall>(handler, call, peer);
}

}  // namespace ndxp::adapters
